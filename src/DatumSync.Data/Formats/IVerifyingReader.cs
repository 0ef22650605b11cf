namespace DatumSync.Data.Formats;

/// <summary>
/// A reader that can check the rest of its input without building batches: every value is parsed against the
/// schema (a value that does not fit widens its column as <see cref="ReadOptions.WidenInPlace"/> says), and rows and
/// nulls are counted. A validation pass (<c>inspect</c>) needs no values, only the verdict, so it skips storing them.
/// </summary>
public interface IVerifyingReader : IBatchReader
{
    /// <summary>Reads to the end, verifying every remaining value. <see cref="IBatchReader.Schema"/> is final after.</summary>
    /// <param name="progress">Receives the rows verified so far.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <exception cref="DataFormatException">The input is malformed.</exception>
    ValueTask<VerifySummary> VerifyRemainingAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>What a verification pass counted.</summary>
/// <param name="Rows">Rows verified.</param>
/// <param name="NullCounts">Nulls per column, in schema order.</param>
public sealed record VerifySummary(long Rows, IReadOnlyList<long> NullCounts);
