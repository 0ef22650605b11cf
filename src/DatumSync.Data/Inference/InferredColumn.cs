namespace DatumSync.Data.Inference;

/// <summary>What inference decided for one column, and how sure it is.</summary>
/// <param name="Format">The type and parsing conventions.</param>
/// <param name="Confidence">0..1: how strongly the evidence supports the type (lower with few values, ambiguity, or
/// a string column most of whose values would have fit a narrower type).</param>
/// <param name="Notes">Human-readable remarks: ambiguities, exceptions that forced a wider type.</param>
/// <param name="ValueCount">Non-null values seen.</param>
/// <param name="NullCount">Null values seen.</param>
public sealed record InferredColumn(ColumnFormat Format, double Confidence, IReadOnlyList<string> Notes, long ValueCount, long NullCount);

/// <summary>Settings and file-wide evidence that steer per-column inference.</summary>
public sealed record InferenceContext
{
    /// <summary>The user's number and date settings (shared by every text format, kept under <see cref="Formats.ReadOptions.Csv"/>).</summary>
    public static InferenceContext FromOptions(Formats.CsvOptions settings) => new()
    {
        DecimalSeparator = settings.DecimalSeparator is { } d ? (byte)d : null,
        GroupSeparator = settings.ThousandsSeparator is { } g ? (byte)g : null,
        DateLayout = settings.DateOrder switch
        {
            Formats.DateOrder.DayMonthYear => Inference.DateLayout.DayMonthYear,
            Formats.DateOrder.MonthDayYear => Inference.DateLayout.MonthDayYear,
            Formats.DateOrder.YearMonthDay => Inference.DateLayout.YearMonthDay,
            _ => null,
        },
    };

    /// <summary>
    /// Applies <see cref="Formats.ReadOptions.AllStrings"/> and then the user's column types over inferred columns,
    /// keeping the number and date conventions inference found (or the file-wide ones) for the given types.
    /// </summary>
    /// <param name="options">The read options.</param>
    /// <param name="names">Column names, in order.</param>
    /// <param name="guesses">What inference decided.</param>
    /// <param name="missing">The error for a type given for a column the source does not have.</param>
    public InferredColumn[] ApplyOverrides(Formats.ReadOptions options, string[] names, InferredColumn[] guesses, Func<string, DataFormatException> missing)
    {
        var result = (InferredColumn[])guesses.Clone();
        if (options.AllStrings)
        {
            for (var c = 0; c < result.Length; c++)
                result[c] = result[c] with { Format = ColumnFormat.String, Confidence = 1, Notes = ["--all-strings"] };
        }
        foreach (var (name, type) in options.EffectiveColumnTypes ?? new Dictionary<string, DataType>())
        {
            var c = Array.IndexOf(names, name);
            if (c < 0)
            {
                if (!options.IsUserTyped(name))
                    continue;
                throw missing(name);
            }
            var guessed = result[c].Format;
            var number = guessed.Type.Kind is TypeKind.Int64 or TypeKind.Decimal or TypeKind.Double ? guessed.Number
                : PreferDecimalComma ? NumberStyle.CommaDecimal : NumberStyle.Invariant;
            var dates = guessed.Type.Kind is TypeKind.Date or TypeKind.Timestamp ? guessed.Dates
                : DateLayout ?? PreferredDateLayout ?? Inference.DateLayout.YearMonthDay;
            result[c] = options.IsUserTyped(name)
                ? result[c] with { Format = new ColumnFormat(type, number, dates), Confidence = 1, Notes = ["type given by the user"] }
                : result[c] with { Format = new ColumnFormat(type, number, dates), Notes = [.. result[c].Notes, "widened: a later value needed it"] };
        }
        return result;
    }

    /// <summary>Decimal separator forced by the user.</summary>
    public byte? DecimalSeparator { get; init; }

    /// <summary>Thousands separator forced by the user (0 = none).</summary>
    public byte? GroupSeparator { get; init; }

    /// <summary>Date order forced by the user.</summary>
    public DateLayout? DateLayout { get; init; }

    /// <summary>When numbers are ambiguous (<c>1,234</c>): prefer the comma as decimal separator.</summary>
    public bool PreferDecimalComma { get; init; }

    /// <summary>When dates are ambiguous (<c>03/04/2024</c>): the order other columns proved, if any.</summary>
    public DateLayout? PreferredDateLayout { get; init; }

    /// <summary>Why <see cref="PreferDecimalComma"/>/<see cref="PreferredDateLayout"/> were chosen, for notes.</summary>
    public string? PreferenceReason { get; init; }

    /// <summary>
    /// Combines the evidence of every column into file-wide preferences: a number style or date order proved by one
    /// column settles the ambiguity of the others (files are written by one program with one locale).
    /// </summary>
    public InferenceContext WithFileEvidence(IEnumerable<ColumnTypeEvidence> columns, byte delimiter)
    {
        int dotOnly = 0, commaOnly = 0, dayFirst = 0, monthFirst = 0;
        foreach (var c in columns)
        {
            switch (c.NumberStyleEvidence)
            {
                case > 0: dotOnly++; break;
                case < 0: commaOnly++; break;
            }
            switch (c.DateOrderEvidence)
            {
                case Inference.DateLayout.DayMonthYear: dayFirst++; break;
                case Inference.DateLayout.MonthDayYear: monthFirst++; break;
            }
        }
        var preferComma = commaOnly > dotOnly || (commaOnly == dotOnly && delimiter == ';');
        DateLayout? dates = dayFirst > monthFirst ? Inference.DateLayout.DayMonthYear : monthFirst > dayFirst ? Inference.DateLayout.MonthDayYear : null;
        var reason = commaOnly + dotOnly > 0 ? "other columns' numbers" : delimiter == ';' ? "the ';' delimiter (European locale)" : null;
        return this with { PreferDecimalComma = preferComma, PreferredDateLayout = dates, PreferenceReason = reason };
    }
}
