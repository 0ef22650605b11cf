namespace DatumSync.Data.Formats.Csv;

/// <summary>Which implementation the CSV structural scanner uses. Every path gives identical results.</summary>
public enum CsvScannerPath
{
    /// <summary>The fastest the CPU accelerates, unless the <c>DATUMSYNC_CSV_SCANNER</c> environment variable
    /// names a path.</summary>
    Auto,

    /// <summary>A byte-at-a-time state machine.</summary>
    Scalar,

    /// <summary>64-byte blocks classified with 128-bit vectors.</summary>
    Vector128,

    /// <summary>64-byte blocks classified with 256-bit vectors.</summary>
    Vector256,
}
