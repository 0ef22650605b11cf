namespace DatumSync.Platform.Workers;

/// <summary>
/// Exponential backoff with full jitter: attempt <c>n</c> (1-based, the attempt that just failed) waits a uniformly
/// random time in <c>[0, min(max, base·2^(n-1)))</c>. Full jitter spreads retries of jobs that failed together (a
/// database blip) instead of sending them back in one wave.
/// </summary>
/// <param name="BaseDelay">The cap of the first retry's delay.</param>
/// <param name="MaxDelay">The cap of any delay.</param>
public sealed record RetryPolicy(TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>The ceiling of the delay after attempt <paramref name="attempt"/> failed.</summary>
    public TimeSpan Ceiling(int attempt)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min(MaxDelay.Ticks, BaseDelay.Ticks * (double)(1L << exponent));
        return TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The delay after attempt <paramref name="attempt"/> failed, drawn from <paramref name="random"/>.</summary>
    public TimeSpan Delay(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return TimeSpan.FromTicks((long)(random.NextDouble() * Ceiling(attempt).Ticks));
    }
}
