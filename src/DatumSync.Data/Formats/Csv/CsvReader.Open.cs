using System.Buffers;
using System.Text;
using DatumSync.Data.Inference;

namespace DatumSync.Data.Formats.Csv;

public sealed partial class CsvReader
{
    private static CsvReader Open(DataSource source, ReadOptions options, Stream raw, bool widenInPlace)
    {
        var csv = options.Csv;

        // Encoding: from the first bytes, unless given.
        var head = new byte[64 * 1024];
        var headLength = ReadFully(raw, head, 0, source.Name);
        var rawEof = headLength < head.Length;
        var (encoding, bom) = csv.Encoding is { } forced
            ? (forced, BomLength(head.AsSpan(0, headLength), forced))
            : CsvEncoding.Detect(head.AsSpan(0, headLength), rawEof);
        var utf8 = CsvEncoding.ToUtf8(new PrefixedStream(head.AsMemory(bom, headLength - bom), raw), encoding, source.Name);
        var validate = CsvEncoding.IsUtf8(encoding);

        var block = ArrayPool<byte>.Shared.Rent(InitialBlockBytes);
        try
        {
            var filled = ReadFully(utf8, block, 0, source.Name);
            var eof = filled < block.Length;

            var sniffLength = Math.Min(filled, SniffBytes);
            var dialect = CsvSniffer.Sniff(block.AsSpan(0, sniffLength), eof && sniffLength == filled, csv) with { Encoding = encoding };
            Validate(dialect, source.Name);
            var (scanner, scannerName) = CreateScanner(dialect, csv.Scanner);

            var offset = 0;
            using var index = new CsvFieldIndex();
            if (csv.SkipRows > 0)
                offset = scanner.Scan(block.AsSpan(0, filled), eof, index, csv.SkipRows);

            var sample = block.AsSpan(offset, filled - offset);
            scanner.Scan(sample, eof, index, options.InferenceRows + 1);
            var leadingBlanks = 0;
            while (leadingBlanks < index.RowCount && index.GetFieldCount(leadingBlanks) == 1 && index.GetField(leadingBlanks, 0).Length == 0)
                leadingBlanks++;
            if (leadingBlanks > 0)
            {
                // Blank lines before the header are not rows.
                offset += leadingBlanks < index.RowCount ? index.RowStart[leadingBlanks] : sample.Length;
                sample = block.AsSpan(offset, filled - offset);
                scanner.Scan(sample, eof, index, options.InferenceRows + 1);
            }
            var nulls = NullTokenSet.For(options.NullTokens);
            var layout = new SampleLayout(sample, index, (byte)dialect.Quote, (byte)dialect.Escape, dialect.QuotesAnywhere);

            string[] names;
            InferredColumn[] inferred;
            var hasHeader = csv.HasHeader ?? true;
            var firstDataRow = 0;
            if (layout.RowCount == 0)
            {
                names = [];
                inferred = [];
                hasHeader = csv.HasHeader ?? false;
            }
            else
            {
                var columnCount = hasHeader || csv.HasHeader is null ? layout.FieldCount(0) : layout.ModeFieldCount();
                var evidence = Observe(layout, columnCount, 1, nulls);
                var context = Context(csv, evidence, (byte)dialect.Delimiter);
                var guesses = evidence.Select(e => e.Infer(context)).ToArray();
                if (csv.HasHeader is null)
                    hasHeader = LooksLikeHeader(layout, guesses, nulls);
                if (!hasHeader)
                {
                    // Row 0 is data too: include it in the evidence.
                    evidence = Observe(layout, columnCount, 0, nulls);
                    context = Context(csv, evidence, (byte)dialect.Delimiter);
                    guesses = evidence.Select(e => e.Infer(context)).ToArray();
                }
                firstDataRow = hasHeader ? 1 : 0;
                names = hasHeader ? HeaderNames(layout, columnCount) : [.. Enumerable.Range(1, columnCount).Select(i => $"column{i}")];
                inferred = context.ApplyOverrides(options, names, guesses, name => new DataFormatException(source.Name,
                    $"a type was given for column '{name}', which the file does not have (columns: {string.Join(", ", names)})"));
            }
            dialect = dialect with { HasHeader = hasHeader };

            var dataStart = offset + (firstDataRow < layout.RowCount ? index.RowStart[firstDataRow] : sample.Length);
            if (hasHeader && layout.RowCount <= 1)
                dataStart = offset + (layout.RowCount == 1 ? sample.Length : 0);
            var sampleRows = Math.Max(1, layout.RowCount - firstDataRow);
            var sampleBytes = Math.Max(1, offset + (layout.RowCount > 0 ? index.RowStart[layout.RowCount - 1] : 0) - dataStart);
            var averageRow = Math.Max(8.0, sampleBytes / (double)sampleRows);
            var target = (int)Math.Clamp(averageRow * options.BatchRows * 1.1, 256 * 1024, 16 << 20);

            var reader = new CsvReader(source, options, raw, utf8, validate, dialect, scanner, scannerName, names, inferred, nulls, widenInPlace);
            if (layout.RowCount == 0)
                reader._warnings.Add("the file has no rows");
            reader._start = new ProducerStart(block, dataStart, filled, eof, 1, 1 + CsvScanner.CountLineBreaks(block.AsSpan(0, dataStart)), target);
            block = null!;
            return reader;
        }
        finally
        {
            if (block is not null)
            {
                ArrayPool<byte>.Shared.Return(block);
                utf8.Dispose();
            }
        }
    }

    private static void Validate(CsvDialect dialect, string source)
    {
        if (dialect.Delimiter is '\r' or '\n' || dialect.Delimiter > 127)
            throw new DataFormatException(source, $"the delimiter must be a single ASCII character other than a line break, got '{dialect.DelimiterName}'");
        if (dialect.Quote > 127 || dialect.Escape > 127)
            throw new DataFormatException(source, "the quote and escape must be ASCII characters");
        if (dialect.Quote != '\0' && dialect.Quote == dialect.Delimiter)
            throw new DataFormatException(source, $"the quote and the delimiter are both '{dialect.Quote}'");
    }

    private static (ICsvScanner Scanner, string Name) CreateScanner(CsvDialect dialect, string? forcedPath)
    {
        if (!dialect.QuotesAnywhere)
            return (new CsvLenientScanner((byte)dialect.Delimiter, (byte)dialect.Quote, (byte)dialect.Escape), "scalar (field-start quotes)");
        var path = forcedPath?.ToLowerInvariant() switch
        {
            null or "" or "auto" => CsvScannerPath.Auto,
            "scalar" => CsvScannerPath.Scalar,
            "vector128" => CsvScannerPath.Vector128,
            "vector256" => CsvScannerPath.Vector256,
            _ => throw new DataFormatException($"unknown scanner '{forcedPath}'; expected auto, scalar, vector128 or vector256"),
        };
        var scanner = new CsvScanner((byte)dialect.Delimiter, (byte)dialect.Quote, path);
        return (scanner, scanner.ActivePath.ToString().ToLowerInvariant());
    }

    private static int BomLength(ReadOnlySpan<byte> head, string encoding)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) && CsvEncoding.IsUtf8(encoding))
            return 3;
        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)) && encoding.Contains("16", StringComparison.Ordinal))
            return 2;
        return 0;
    }

    private static InferenceContext Context(CsvOptions csv, ColumnTypeEvidence[] evidence, byte delimiter)
        => InferenceContext.FromOptions(csv).WithFileEvidence(evidence, delimiter);

    private static ColumnTypeEvidence[] Observe(SampleLayout layout, int columnCount, int fromRow, NullTokenSet nulls)
    {
        var evidence = new ColumnTypeEvidence[columnCount];
        for (var c = 0; c < columnCount; c++)
            evidence[c] = new ColumnTypeEvidence(nulls);
        var scratch = new byte[256];
        for (var r = fromRow; r < layout.RowCount; r++)
        {
            if (layout.FieldCount(r) != columnCount || layout.IsBlank(r))
                continue;
            for (var c = 0; c < columnCount; c++)
            {
                var value = layout.Value(r, c, ref scratch, out var quoted);
                evidence[c].Observe(value, quoted, r + 1 - fromRow);
            }
        }
        return evidence;
    }

    /// <summary>
    /// The first row is a header when some column whose other values are typed (numbers, dates, booleans) has a first
    /// value that does not fit that type; it is data when every typed column's first value fits. Files of text only
    /// are assumed to have a header, as nearly all exports do.
    /// </summary>
    private static bool LooksLikeHeader(SampleLayout layout, InferredColumn[] guesses, NullTokenSet nulls)
    {
        var scratch = new byte[256];
        var typed = 0;
        var fits = 0;
        for (var c = 0; c < guesses.Length && c < layout.FieldCount(0); c++)
        {
            if (guesses[c].Format.Type.Kind == TypeKind.String)
                continue;
            typed++;
            var value = layout.Value(0, c, ref scratch, out var quoted);
            var converter = ValueConverter.Create(guesses[c].Format, nulls);
            var builder = converter.CreateBuilder(1);
            if (converter.TryAppend(builder, value, quoted))
                fits++;
            builder.Build().Dispose();
        }
        if (typed > 0)
            return fits < typed;
        if (layout.RowCount == 1)
        {
            // A lone row: a header unless it looks like values.
            for (var c = 0; c < layout.FieldCount(0); c++)
            {
                var value = layout.Value(0, c, ref scratch, out _);
                if (ValueShapes.Classify(value) != ValueShape.None || nulls.IsNull(value))
                    return false;
            }
        }
        return true;
    }

    private static string[] HeaderNames(SampleLayout layout, int columnCount)
    {
        var names = new string[columnCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var scratch = new byte[256];
        for (var c = 0; c < columnCount; c++)
        {
            var raw = Encoding.UTF8.GetString(layout.Value(0, c, ref scratch, out _)).Trim().Trim('\uFEFF');
            var name = raw.Length == 0 ? $"column{c + 1}" : raw;
            var candidate = name;
            for (var k = 2; !seen.Add(candidate); k++)
                candidate = $"{name}_{k}";
            names[c] = candidate;
        }
        return names;
    }

    private static int ReadFully(Stream stream, byte[] buffer, int offset, string source)
    {
        try
        {
            var total = offset;
            while (total < buffer.Length)
            {
                var n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0)
                    break;
                total += n;
            }
            return total - offset;
        }
        catch (IOException e)
        {
            throw new DataFormatException(source, $"cannot read: {e.Message}", inner: e);
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException(source, $"text is not valid in the file's encoding: {e.Message}", inner: e);
        }
    }
}
