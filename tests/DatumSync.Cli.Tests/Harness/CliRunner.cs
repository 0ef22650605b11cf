namespace DatumSync.Cli.Tests.Harness;

/// <summary>
/// Runs the real, built <c>datumsync</c> (<c>dotnet artifacts/bin/DatumSync.Cli/release/datumsync.dll ARGS</c>) the way
/// a user does: its own process, standard input closed, output captured, peak RSS measured.
/// </summary>
/// <remarks>
/// Running the executable rather than calling <c>CliApp</c> in-process is the point: exit codes, what reaches the
/// terminal, start-up cost and memory are only honest in a process of their own. <c>./test</c> builds the
/// solution in Release before running the tests, so the DLL is there and current.
/// </remarks>
public static class CliRunner
{
    /// <summary>Runs <c>datumsync ARGS</c> with the default timeout.</summary>
    public static Task<ProcessResult> RunAsync(params string[] args) => RunAsync(args, new ProcessRunOptions());

    /// <summary>Runs <c>datumsync ARGS</c>.</summary>
    public static Task<ProcessResult> RunAsync(IEnumerable<string> args, ProcessRunOptions options) =>
        ProcessRunner.RunAsync(DotnetHost, [RequireCli(), .. args], options);

    /// <summary>Starts <c>datumsync ARGS</c> (for <c>serve</c>); dispose the handle to kill it.</summary>
    public static RunningProcess Start(IEnumerable<string> args, ProcessRunOptions? options = null) =>
        ProcessRunner.Start(DotnetHost, [RequireCli(), .. args], options);

    /// <summary>The <c>dotnet</c> that runs these tests (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static string RequireCli()
    {
        var dll = RepoPaths.CliDll;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"The CLI is not built: {dll} is missing. Run ./test (it builds everything in Release) or " +
                "'dotnet build src/DatumSync.Cli -c Release' first.");
        }
        return dll;
    }
}
