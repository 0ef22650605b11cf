using System.Text.Json.Serialization;

namespace DatumSync.Modules.Detect;

/// <summary>The dataset-type decision.</summary>
/// <param name="Best">The best candidate's type (null when no rule type exists).</param>
/// <param name="Score">Its score, 0–100.</param>
/// <param name="Level"><c>high</c> (≥ 90), <c>medium</c> (70–89), <c>low</c> (50–69) or <c>very_low</c> (&lt; 50).</param>
/// <param name="NeedsManualChoice">True below medium, or when the runner-up is within 5 points: the user should pick the type.</param>
/// <param name="Message">One sentence saying what was decided and why.</param>
/// <param name="Candidates">Every type of the rules, best first.</param>
public sealed record DatasetTypeVerdict(
    [property: JsonPropertyName("best")] string? Best,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("needs_manual_choice")] bool NeedsManualChoice,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("candidates")] IReadOnlyList<DatasetTypeCandidate> Candidates);
