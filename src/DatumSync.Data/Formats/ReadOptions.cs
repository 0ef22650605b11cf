namespace DatumSync.Data.Formats;

/// <summary>What to do with a row whose field count differs from the header's.</summary>
public enum RaggedRows
{
    /// <summary>Stop with an error naming the row.</summary>
    Error,
    /// <summary>Pad short rows with nulls; extra fields in long rows are an error.</summary>
    Pad,
    /// <summary>Skip the row (counted in the reader's diagnostics).</summary>
    Skip,
}

/// <summary>Day/month order for dates such as <c>03/04/2024</c>.</summary>
public enum DateOrder
{
    /// <summary>Decide from the data; ambiguous data is reported.</summary>
    Auto,
    /// <summary>Day first (03/04/2024 is 3 April).</summary>
    DayMonthYear,
    /// <summary>Month first (03/04/2024 is 4 March).</summary>
    MonthDayYear,
    /// <summary>Year first (ISO-like).</summary>
    YearMonthDay,
}

/// <summary>CSV dialect settings; null means "detect".</summary>
public sealed record CsvOptions
{
    /// <summary>Field delimiter; detected among <c>, ; \t |</c> when null.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Quote character; detected (<c>"</c> or <c>'</c>) when null. <c>\0</c> disables quoting.</summary>
    public char? Quote { get; init; }

    /// <summary>Escape character inside quotes; null detects between doubled quotes and backslash.</summary>
    public char? Escape { get; init; }

    /// <summary>Whether the first row is a header; detected when null.</summary>
    public bool? HasHeader { get; init; }

    /// <summary>Text encoding name (<c>utf-8</c>, <c>utf-16le</c>, <c>utf-16be</c>, <c>windows-1252</c>,
    /// <c>latin1</c>); detected from the BOM and content when null.</summary>
    public string? Encoding { get; init; }

    /// <summary>Rows to skip before the header (preamble lines).</summary>
    public int SkipRows { get; init; }

    /// <summary>What to do with ragged rows.</summary>
    public RaggedRows Ragged { get; init; } = RaggedRows.Error;

    /// <summary>The decimal separators a number parser understands (one ASCII byte each).</summary>
    public const string DecimalSeparators = ".,";

    /// <summary>The thousands separators a number parser understands (one ASCII byte each), besides <c>\0</c> for none.</summary>
    public const string ThousandsSeparators = ",. '";

    /// <summary>Decimal separator, one of <see cref="DecimalSeparators"/>; detected when null.</summary>
    public char? DecimalSeparator { get; init; }

    /// <summary>Thousands separator, one of <see cref="ThousandsSeparators"/>; detected when null. <c>\0</c> means none.</summary>
    public char? ThousandsSeparator { get; init; }

    /// <summary>Day/month order of dates.</summary>
    public DateOrder DateOrder { get; init; } = DateOrder.Auto;

    /// <summary>Forces the scanner path: <c>scalar</c>, <c>vector128</c> or <c>vector256</c>; null picks the
    /// fastest the CPU has. The environment variable <c>DATUMSYNC_CSV_SCANNER</c> does the same.</summary>
    public string? Scanner { get; init; }
}

/// <summary>Options for opening any dataset.</summary>
public sealed record ReadOptions
{
    /// <summary>Default rows per batch.</summary>
    public const int DefaultBatchRows = 64 * 1024;

    /// <summary>The format name (<c>csv</c>, <c>json</c>, ...); detected from extension and content when null.</summary>
    public string? Format { get; init; }

    /// <summary>Rows per batch.</summary>
    public int BatchRows { get; init; } = DefaultBatchRows;

    /// <summary>Column type overrides by column name: they replace inference for those columns.</summary>
    public IReadOnlyDictionary<string, DataType>? ColumnTypes { get; init; }

    /// <summary>
    /// Types an earlier read of the same source found necessary (set by <see cref="TableReader.CopyAsync"/> when it
    /// restarts after a <see cref="SchemaWidenedException"/>). Unlike <see cref="ColumnTypes"/>, which are the user's
    /// word and never widened, these are only a better starting point and may widen again.
    /// </summary>
    public IReadOnlyDictionary<string, DataType>? WidenedTypes { get; init; }

    /// <summary><see cref="WidenedTypes"/> with <see cref="ColumnTypes"/> over them: the types a reader starts from.</summary>
    public IReadOnlyDictionary<string, DataType>? EffectiveColumnTypes
    {
        get
        {
            if (WidenedTypes is null)
                return ColumnTypes;
            var merged = new Dictionary<string, DataType>(WidenedTypes, StringComparer.Ordinal);
            foreach (var (name, type) in ColumnTypes ?? new Dictionary<string, DataType>())
                merged[name] = type;
            return merged;
        }
    }

    /// <summary>Whether the user gave <paramref name="column"/>'s type (so a value that does not fit is an error).</summary>
    public bool IsUserTyped(string column) => ColumnTypes?.ContainsKey(column) == true;

    /// <summary>Tokens read as null (whole field, case-sensitive); defaults to
    /// <see cref="DefaultNullTokens"/>. <c>NaN</c> is null only in numeric columns.</summary>
    public IReadOnlyList<string>? NullTokens { get; init; }

    /// <summary>Rows used to infer types before reading; the whole pass still verifies them.</summary>
    public int InferenceRows { get; init; } = 20_000;

    /// <summary>
    /// For passes that keep no batches (inspect, profile): a value that breaks the sampled type widens the column from
    /// there on, instead of raising <see cref="SchemaWidenedException"/>. Batches of one read may then differ in type.
    /// </summary>
    public bool WidenInPlace { get; init; }

    /// <summary>Disables type inference: every column is a string.</summary>
    public bool AllStrings { get; init; }

    /// <summary>CSV dialect.</summary>
    public CsvOptions Csv { get; init; } = new();

    /// <summary>Excel sheet name or 1-based index; the first sheet when null.</summary>
    public string? Sheet { get; init; }

    /// <summary>XML element whose occurrences are rows; detected (the most repeated element) when null.</summary>
    public string? RecordElement { get; init; }

    /// <summary>The default null tokens.</summary>
    public static IReadOnlyList<string> DefaultNullTokens { get; } = ["", "NA", "N/A", "n/a", "null", "NULL", "Null", "None", "none", "nil", "#N/A"];
}

/// <summary>Options for writing any dataset.</summary>
public sealed record WriteOptions
{
    /// <summary>The format name; from the output extension when null.</summary>
    public string? Format { get; init; }

    /// <summary>CSV/TSV delimiter for writers.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Whether the CSV writer writes a header row.</summary>
    public bool Header { get; init; } = true;

    /// <summary>Sheet name for spreadsheet writers.</summary>
    public string SheetName { get; init; } = "Sheet1";

    /// <summary>Format-specific settings (such as Parquet compression) by key.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }
}
