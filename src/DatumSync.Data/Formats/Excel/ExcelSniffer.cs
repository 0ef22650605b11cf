namespace DatumSync.Data.Formats.Excel;

/// <summary>Recognises workbooks by their magic numbers.</summary>
internal static class ExcelSniffer
{
    /// <summary>The OLE2 compound-file signature that starts every <c>.xls</c> (and an encrypted <c>.xlsx</c>).</summary>
    private static ReadOnlySpan<byte> Ole2Magic => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>A zip local file header: every <c>.xlsx</c> starts with one.</summary>
    private static ReadOnlySpan<byte> ZipMagic => "PK\x03\x04"u8;

    public static bool IsZip(ReadOnlySpan<byte> head) => head.StartsWith(ZipMagic);

    public static bool IsOle2(ReadOnlySpan<byte> head) => head.StartsWith(Ole2Magic);

    /// <summary>
    /// 100 for a zip whose entry names show a workbook (<c>xl/</c>) in the sniffed head; 90 for any other zip, since
    /// the parts of an .xlsx may come in any order (a zip that is not a workbook is rejected at open with a clear
    /// message); 0 otherwise.
    /// </summary>
    public static int SniffXlsx(ReadOnlySpan<byte> head)
    {
        if (!IsZip(head))
            return 0;
        return head.IndexOf("xl/"u8) >= 0 ? 100 : 90;
    }

    /// <summary>100 for the OLE2 signature; 0 otherwise.</summary>
    public static int SniffXls(ReadOnlySpan<byte> head) => IsOle2(head) ? 100 : 0;
}
