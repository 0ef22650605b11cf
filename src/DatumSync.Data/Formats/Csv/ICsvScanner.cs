namespace DatumSync.Data.Formats.Csv;

/// <summary>Finds complete rows and their fields in a buffer of UTF-8 CSV bytes.</summary>
internal interface ICsvScanner
{
    /// <summary>Scans from offset 0, records up to <paramref name="maxRows"/> complete rows and returns the offset
    /// just after the last one (see <see cref="CsvScanner.Scan"/> for the contract).</summary>
    int Scan(ReadOnlySpan<byte> buffer, bool isFinal, CsvFieldIndex output, int maxRows);
}
