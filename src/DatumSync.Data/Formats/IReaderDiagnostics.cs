using DatumSync.Data.Inference;

namespace DatumSync.Data.Formats;

/// <summary>What a reader found out about its source, for <c>inspect</c> and reports.</summary>
public interface IReaderDiagnostics
{
    /// <summary>Format details by name (<c>encoding</c>, <c>delimiter</c>, <c>sheet</c>, ...), in display order.</summary>
    IReadOnlyList<KeyValuePair<string, string>> Properties { get; }

    /// <summary>Per-column inference results (same order as the schema), when the reader inferred types.</summary>
    IReadOnlyList<InferredColumn>? InferredColumns { get; }

    /// <summary>Things the user should know: skipped rows, widened types, ambiguities.</summary>
    IReadOnlyList<string> Warnings { get; }
}
