using System.CommandLine;
using DatumSync.Data;
using DatumSync.Data.Formats;

namespace DatumSync.Cli.Commands;

/// <summary>The options every command that reads a dataset shares: format, CSV dialect, types.</summary>
internal sealed class ReadOptionSet
{
    public Option<string?> Format { get; } = new("--format") { Description = "Input format (csv, tsv, json, ndjson, xlsx, xls, xml, parquet); detected when omitted." };

    public Option<string?> Delimiter { get; } = new("--delimiter", "-d") { Description = "CSV field delimiter (',', ';', '\\t' or 'tab', '|', ...); sniffed when omitted." };

    public Option<string?> Quote { get; } = new("--quote") { Description = "CSV quote character, or 'none'." };

    public Option<string?> Escape { get; } = new("--escape") { Description = "Escape inside quotes: 'double' (\"\") or a character such as '\\'." };

    public Option<string?> Header { get; } = new("--header") { Description = "Whether the first row is a header: yes, no or auto." };

    public Option<string?> Encoding { get; } = new("--encoding") { Description = "Text encoding (utf-8, utf-16le, utf-16be, windows-1252, latin1, ...); detected when omitted." };

    public Option<int> SkipRows { get; } = new("--skip-rows") { Description = "Lines to skip before the header (preamble)." };

    public Option<string?> Ragged { get; } = new("--ragged") { Description = "Rows with the wrong number of fields: error (default), pad (fill with nulls) or skip." };

    public Option<string?> DecimalSeparator { get; } = new("--decimal") { Description = "Decimal separator in numbers: '.' or ','; detected when omitted." };

    public Option<string?> Thousands { get; } = new("--thousands") { Description = "Thousands separator: ',', '.', ' ' or 'none'; detected when omitted." };

    public Option<string?> DateOrder { get; } = new("--date-order") { Description = "Order of day and month in dates like 03/04/2024: dmy, mdy, ymd or auto." };

    public Option<string[]> Nulls { get; } = new("--null") { Description = "A text to read as null (repeatable); replaces the defaults (empty, NA, N/A, null, NULL, None, ...).", AllowMultipleArgumentsPerToken = false };

    public Option<string?> Schema { get; } = new("--schema") { Description = "Column types, e.g. 'id:int64,amount:decimal(12,2),day:date'; other columns are inferred." };

    public Option<bool> AllStrings { get; } = new("--all-strings") { Description = "Read every column as text (no type inference)." };

    public Option<int?> InferRows { get; } = new("--infer-rows") { Description = "Rows sampled to infer types (default 20000); every value is still checked." };

    public Option<string?> Sheet { get; } = new("--sheet") { Description = "Excel sheet name or 1-based number (default: the first)." };

    public Option<string?> RecordElement { get; } = new("--record-element") { Description = "XML element whose occurrences are rows; detected when omitted." };

    public Option<string?> Scanner { get; } = new("--scanner") { Description = "CSV scanner path: auto, scalar, vector128 or vector256.", Hidden = true };

    public IEnumerable<Option> All => [Format, Delimiter, Quote, Escape, Header, Encoding, SkipRows, Ragged, DecimalSeparator, Thousands, DateOrder, Nulls, Schema, AllStrings, InferRows, Sheet, RecordElement, Scanner];

    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Options.Add(option);
    }

    /// <summary>Builds read options from the parsed command line.</summary>
    /// <exception cref="UsageException">A value is malformed.</exception>
    public ReadOptions Build(ParseResult parse)
    {
        var csv = new CsvOptions
        {
            Delimiter = Char(parse.GetValue(Delimiter), "--delimiter"),
            Quote = parse.GetValue(Quote) is { } q ? q.Equals("none", StringComparison.OrdinalIgnoreCase) ? '\0' : Char(q, "--quote") : null,
            Escape = parse.GetValue(Escape) is { } e ? e.Equals("double", StringComparison.OrdinalIgnoreCase) ? parse.GetValue(Quote) is { Length: 1 } qq ? qq[0] : '"' : Char(e, "--escape") : null,
            HasHeader = parse.GetValue(Header)?.ToLowerInvariant() switch
            {
                null or "auto" => null,
                "yes" or "true" or "1" => true,
                "no" or "false" or "0" => false,
                var other => throw new UsageException($"--header expects yes, no or auto, got '{other}'"),
            },
            Encoding = parse.GetValue(Encoding),
            SkipRows = parse.GetValue(SkipRows) is var s and >= 0 ? s : throw new UsageException("--skip-rows must be 0 or more"),
            Ragged = parse.GetValue(Ragged)?.ToLowerInvariant() switch
            {
                null or "error" => RaggedRows.Error,
                "pad" => RaggedRows.Pad,
                "skip" => RaggedRows.Skip,
                var other => throw new UsageException($"--ragged expects error, pad or skip, got '{other}'"),
            },
            DecimalSeparator = parse.GetValue(DecimalSeparator) is { } d
                ? d.Length == 1 && CsvOptions.DecimalSeparators.Contains(d[0], StringComparison.Ordinal) ? d[0] : throw new UsageException($"--decimal expects '.' or ',', got '{d}'")
                : null,
            ThousandsSeparator = parse.GetValue(Thousands) is { } t
                ? t.Equals("none", StringComparison.OrdinalIgnoreCase) ? '\0' : t.Length == 1 && CsvOptions.ThousandsSeparators.Contains(t[0], StringComparison.Ordinal) ? t[0] : throw new UsageException($"--thousands expects ',', '.', ' ', \"'\" or none, got '{t}'")
                : null,
            DateOrder = parse.GetValue(DateOrder)?.ToLowerInvariant() switch
            {
                null or "auto" => Data.Formats.DateOrder.Auto,
                "dmy" => Data.Formats.DateOrder.DayMonthYear,
                "mdy" => Data.Formats.DateOrder.MonthDayYear,
                "ymd" => Data.Formats.DateOrder.YearMonthDay,
                var other => throw new UsageException($"--date-order expects dmy, mdy, ymd or auto, got '{other}'"),
            },
            Scanner = parse.GetValue(Scanner),
        };
        var nulls = parse.GetValue(Nulls);
        var inferRows = parse.GetValue(InferRows);
        if (inferRows is < 1)
            throw new UsageException("--infer-rows must be at least 1");
        return new ReadOptions
        {
            Format = parse.GetValue(Format)?.ToLowerInvariant(),
            Csv = csv,
            NullTokens = nulls is { Length: > 0 } ? nulls : null,
            ColumnTypes = ParseSchema(parse.GetValue(Schema)),
            AllStrings = parse.GetValue(AllStrings),
            InferenceRows = inferRows ?? new ReadOptions().InferenceRows,
            Sheet = parse.GetValue(Sheet),
            RecordElement = parse.GetValue(RecordElement),
        };
    }

    /// <summary>Parses <c>name:type,name:type</c>. Commas inside parentheses (<c>decimal(12,2)</c>) do not split.</summary>
    internal static Dictionary<string, DataType>? ParseSchema(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var result = new Dictionary<string, DataType>(StringComparer.Ordinal);
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length)
            {
                depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
                if (text[i] != ',' || depth > 0)
                    continue;
            }
            var part = text[start..i].Trim();
            start = i + 1;
            if (part.Length == 0)
                continue;
            var colon = part.LastIndexOf(':');
            if (colon <= 0)
                throw new UsageException($"--schema entry '{part}' should be name:type");
            var name = part[..colon].Trim();
            var typeText = part[(colon + 1)..];
            if (!DataType.TryParse(typeText, out var type))
                throw new UsageException($"--schema: unknown type '{typeText.Trim()}' for column '{name}'; expected boolean, int64, double, decimal(p,s), string, date, timestamp or timestamptz");
            result[name] = type;
        }
        return result;
    }

    private static char? Char(string? value, string option)
    {
        if (value is null)
            return null;
        return value switch
        {
            "\\t" or "tab" or "TAB" => '\t',
            { Length: 1 } => value[0],
            _ => throw new UsageException($"{option} expects a single character, got '{value}'"),
        };
    }
}
