namespace DatumSync.Cli.Tests.Harness;

/// <summary>What a finished process did.</summary>
/// <param name="CommandLine">The command as run (for messages).</param>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Stdout">Everything it wrote to standard output.</param>
/// <param name="Stderr">Everything it wrote to standard error.</param>
/// <param name="PeakRssKiB">Its peak resident set size in KiB as GNU time reports it (<c>%M</c>); null when not measured.</param>
/// <param name="Elapsed">Wall time from start to exit.</param>
public sealed record ProcessResult(string CommandLine, int ExitCode, string Stdout, string Stderr, long? PeakRssKiB, TimeSpan Elapsed)
{
    /// <summary>Peak RSS in MiB; throws when it was not measured.</summary>
    public double PeakRssMiB => PeakRssKiB is { } kib
        ? kib / 1024.0
        : throw new InvalidOperationException(
            $"Peak RSS of '{CommandLine}' was not measured: GNU time ({ProcessRunner.GnuTime}) is missing. " +
            "./test installs it (apt-get install time).");

    /// <summary>A summary for assertion messages: the command, exit code, memory, time and the end of both streams.</summary>
    public override string ToString() =>
        $"'{CommandLine}' exited {ExitCode} after {Elapsed.TotalSeconds:N1} s" +
        (PeakRssKiB is { } kib ? $", peak RSS {kib / 1024.0:N1} MiB" : "") +
        $"\n--- stdout (tail) ---\n{Tail(Stdout)}\n--- stderr (tail) ---\n{Tail(Stderr)}";

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];
}
