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
