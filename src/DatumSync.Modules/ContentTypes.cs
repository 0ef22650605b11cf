namespace DatumSync.Modules;

/// <summary>MIME types of the files modules write.</summary>
public static class ContentTypes
{
    /// <summary>The MIME type for a format name (<c>application/octet-stream</c> when unknown).</summary>
    public static string ForFormat(string format) => format.ToLowerInvariant() switch
    {
        "csv" => "text/csv",
        "tsv" => "text/tab-separated-values",
        "json" => "application/json",
        "ndjson" => "application/x-ndjson",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "xml" => "application/xml",
        "parquet" => "application/vnd.apache.parquet",
        "html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    };
}
