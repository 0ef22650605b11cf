using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.Intrinsics;

namespace DatumSync.Data.Formats.Csv;

/// <summary>
/// Finds the rows and fields of UTF-8 CSV bytes without decoding them: the structural pass of the CSV reader.
/// </summary>
/// <remarks>
/// <para>
/// Rules (RFC 4180 style, identical on every <see cref="CsvScannerPath"/>): a quote byte toggles "inside quotes"
/// wherever it appears, so a doubled quote inside a quoted field toggles twice and stays inside. Inside quotes the
/// delimiter, <c>\n</c> and <c>\r</c> are data. Outside quotes the delimiter ends a field, <c>\n</c> ends a row,
/// <c>\r</c> ends a row and swallows a <c>\n</c> right after it (CRLF), and a lone <c>\r</c> is a terminator on its own.
/// </para>
/// <para>
/// The scanner keeps no state between calls: a row always starts outside quotes, so the caller resumes at the
/// offset <see cref="Scan"/> returns with a fresh call. The scanner only locates bytes; quote removal, unescaping
/// and decoding are the reader's job, and so is deciding what a blank line means.
/// </para>
/// </remarks>
internal sealed partial class CsvScanner : ICsvScanner
{
    /// <summary>The longest buffer one call scans (2 GiB less a block, so block offsets cannot overflow).</summary>
    public const int MaxBufferLength = int.MaxValue - BlockSize;

    /// <summary>The environment variable that overrides <see cref="CsvScannerPath.Auto"/>.</summary>
    public const string PathVariable = "DATUMSYNC_CSV_SCANNER";

    // Read once: the choice must not change under a running reader, and tests set it per process.
    private static readonly CsvScannerPath s_environmentPath =
        TryParsePath(Environment.GetEnvironmentVariable(PathVariable), out var path) ? path : CsvScannerPath.Auto;

    private readonly byte _delimiter;
    private readonly byte _quote;

    /// <summary>Creates a scanner.</summary>
    /// <param name="delimiter">The field delimiter byte; not <c>\r</c>, <c>\n</c> or the quote.</param>
    /// <param name="quote">The quote byte, or 0 for no quoting; not <c>\r</c> or <c>\n</c>.</param>
    /// <param name="path">The implementation; <see cref="CsvScannerPath.Auto"/> honours the environment variable
    /// <c>DATUMSYNC_CSV_SCANNER</c> and else picks the widest accelerated vectors.</param>
    public CsvScanner(byte delimiter, byte quote, CsvScannerPath path = CsvScannerPath.Auto)
    {
        if (delimiter is (byte)'\r' or (byte)'\n')
            throw new ArgumentException("The delimiter cannot be a line break.", nameof(delimiter));
        if (quote is (byte)'\r' or (byte)'\n')
            throw new ArgumentException("The quote cannot be a line break.", nameof(quote));
        if (quote != 0 && quote == delimiter)
            throw new ArgumentException("The quote and the delimiter must differ.", nameof(quote));
        if (!Enum.IsDefined(path))
            throw new ArgumentOutOfRangeException(nameof(path), path, "Unknown scanner path.");
        _delimiter = delimiter;
        _quote = quote;
        ActivePath = Resolve(path, s_environmentPath);
    }

    /// <summary>The implementation this scanner runs (never <see cref="CsvScannerPath.Auto"/>).</summary>
    public CsvScannerPath ActivePath { get; }

    /// <summary>The field delimiter byte.</summary>
    public byte Delimiter => _delimiter;

    /// <summary>The quote byte, or 0 when quoting is off.</summary>
    public byte Quote => _quote;

    /// <summary>The widest path the CPU accelerates.</summary>
    public static CsvScannerPath HardwarePath =>
        Vector256.IsHardwareAccelerated ? CsvScannerPath.Vector256
        : Vector128.IsHardwareAccelerated ? CsvScannerPath.Vector128
        : CsvScannerPath.Scalar;

    /// <summary>
    /// Scans <paramref name="buffer"/> from offset 0 and records up to <paramref name="maxRows"/> complete rows in
    /// <paramref name="output"/> (cleared first).
    /// </summary>
    /// <param name="buffer">UTF-8 bytes starting at a row boundary, at most <see cref="MaxBufferLength"/> long.</param>
    /// <param name="isFinal">Whether the input ends with this buffer. If so, bytes after the last terminator form a
    /// last row (unless there are none); if not, that incomplete row is left for the next call, and so is a row
    /// ending in a <c>\r</c> that is the buffer's last byte (the next byte decides whether it is CRLF).</param>
    /// <param name="output">Receives the rows; <see cref="CsvFieldIndex.EndedInsideQuotes"/> is set when the final
    /// buffer ends inside quotes (its last row then runs to the end).</param>
    /// <param name="maxRows">The most rows to record; 0 records none.</param>
    /// <returns>The offset just after the last recorded row, where the next call resumes. With no complete row in a
    /// non-final buffer it is 0: the caller must supply more bytes.</returns>
    public int Scan(ReadOnlySpan<byte> buffer, bool isFinal, CsvFieldIndex output, int maxRows)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (maxRows < 0)
            ThrowNegativeMaxRows(maxRows);
        if (buffer.Length > MaxBufferLength)
            ThrowBufferTooLong(buffer);
        output.Clear();
        if (maxRows == 0 || buffer.IsEmpty)
            return 0;
        return ActivePath switch
        {
            CsvScannerPath.Vector256 => ScanBlocks(buffer, isFinal, output, maxRows, new Vector256Classifier(_delimiter, _quote)),
            CsvScannerPath.Vector128 => ScanBlocks(buffer, isFinal, output, maxRows, new Vector128Classifier(_delimiter, _quote)),
            _ => ScanScalar(buffer, isFinal, output, maxRows),
        };
    }

    /// <summary>Parses a path name (<c>auto</c>, <c>scalar</c>, <c>vector128</c>, <c>vector256</c>, any case; null or
    /// empty is <c>auto</c>), as used by the environment variable and <see cref="CsvOptions.Scanner"/>.</summary>
    public static bool TryParsePath(string? name, out CsvScannerPath path)
    {
        path = CsvScannerPath.Auto;
        if (string.IsNullOrWhiteSpace(name))
            return true;
        switch (name.Trim().ToLowerInvariant())
        {
            case "auto":
                return true;
            case "scalar":
                path = CsvScannerPath.Scalar;
                return true;
            case "vector128":
                path = CsvScannerPath.Vector128;
                return true;
            case "vector256":
                path = CsvScannerPath.Vector256;
                return true;
            default:
                return false;
        }
    }

    /// <summary>An explicit path wins over the environment variable, which wins over the hardware choice.</summary>
    internal static CsvScannerPath Resolve(CsvScannerPath requested, CsvScannerPath environment) =>
        requested != CsvScannerPath.Auto ? requested
        : environment != CsvScannerPath.Auto ? environment
        : HardwarePath;

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowNegativeMaxRows(int maxRows) =>
        throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, "maxRows cannot be negative.");

    [DoesNotReturn]
    [StackTraceHidden]
    private static void ThrowBufferTooLong(ReadOnlySpan<byte> buffer) =>
        throw new ArgumentOutOfRangeException(nameof(buffer), buffer.Length, $"A scanned buffer holds at most {MaxBufferLength} bytes.");
}
