using DatumSync.Data;

namespace DatumSync.Modules.Detect;

/// <summary>What the classifier sees of one column: its name, its type and a sample of its values as text.</summary>
/// <param name="Name">Column name (header hints come from it).</param>
/// <param name="Type">The column's data type.</param>
/// <param name="Count">Values in the column (nulls included).</param>
/// <param name="Nulls">Null values.</param>
/// <param name="Distinct">Distinct non-null values (exact or estimated), when known.</param>
/// <param name="Values">A sample of non-null values as text (at most a few thousand; uniformly drawn).</param>
public sealed record ColumnSample(string Name, DataType Type, long Count, long Nulls, long? Distinct, IReadOnlyList<string> Values);

/// <summary>A column's semantic type with the evidence for it.</summary>
/// <param name="Type">The semantic type name (<c>email</c>, <c>url</c>, <c>phone</c>, … <c>free_text</c>, <c>unknown</c>).</param>
/// <param name="Confidence">0..1.</param>
/// <param name="ConformingShare">Share of sampled values that conform to the type.</param>
/// <param name="NonConforming">A few sampled values that do not conform.</param>
/// <param name="IsPii">Whether the type is personal data (email, phone, name, IBAN, card number, IP address…).</param>
/// <param name="Evidence">Short human-readable reasons (<c>header 'email' matches</c>, <c>98.5% match the e-mail pattern</c>).</param>
public sealed record SemanticTypeResult(string Type, double Confidence, double ConformingShare, IReadOnlyList<string> NonConforming, bool IsPii,
    IReadOnlyList<string> Evidence)
{
    /// <summary>The result for a column nothing could be said of.</summary>
    public static SemanticTypeResult Unknown { get; } = new("unknown", 0, 0, [], false, []);
}

/// <summary>Decides a column's semantic type from a <see cref="ColumnSample"/>. Used by detect and by profile.</summary>
public static partial class SemanticTypeClassifier
{
    /// <summary>Classifies one column.</summary>
    public static SemanticTypeResult Classify(ColumnSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return ClassifyCore(sample);
    }

    // The detect module's work replaces this with the real classifier.
    private static SemanticTypeResult ClassifyCore(ColumnSample sample) => SemanticTypeResult.Unknown;
}
