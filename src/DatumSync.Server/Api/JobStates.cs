using DatumSync.Platform.Catalog;

namespace DatumSync.Server.Api;

/// <summary>Job states as the API spells them (<c>retry_wait</c>).</summary>
internal static class JobStates
{
    public static string Name(JobState state) => state switch
    {
        JobState.Queued => "queued",
        JobState.Running => "running",
        JobState.RetryWait => "retry_wait",
        JobState.Succeeded => "succeeded",
        JobState.Failed => "failed",
        _ => "cancelled",
    };

    public static IEnumerable<string> All => Enum.GetValues<JobState>().Select(Name);

    public static bool TryParse(string text, out JobState state)
    {
        foreach (var s in Enum.GetValues<JobState>())
        {
            if (string.Equals(Name(s), text, StringComparison.OrdinalIgnoreCase) || string.Equals(s.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                state = s;
                return true;
            }
        }
        state = default;
        return false;
    }

    public static bool IsFinal(JobState state) => state is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
}
