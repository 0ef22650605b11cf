namespace DatumSync.Cli.Tests.Harness;

/// <summary>How <see cref="ProcessRunner"/> runs a command.</summary>
public sealed record ProcessRunOptions
{
    /// <summary>The default limit: generous for a build machine with two busy cores.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>After this the process tree is killed and the run throws <see cref="TimeoutException"/>.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The working directory; the repository root when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables to set (a null value removes the variable).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Whether to run under GNU time to measure peak RSS.</summary>
    public bool MeasurePeakRss { get; init; } = true;
}
