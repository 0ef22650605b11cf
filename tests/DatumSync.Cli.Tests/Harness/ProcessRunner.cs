using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace DatumSync.Cli.Tests.Harness;

/// <summary>
/// Runs a real process with standard input closed, capturing both output streams, the exit code and (under GNU time)
/// the peak resident set size; a run that outlives its timeout has its whole process tree killed and fails.
/// </summary>
public static class ProcessRunner
{
    /// <summary>GNU time: <c>-f %M</c> reports the peak RSS in KiB, <c>-o</c> keeps it out of the captured stderr.</summary>
    public const string GnuTime = "/usr/bin/time";

    /// <summary>Runs <paramref name="fileName"/> to completion.</summary>
    /// <exception cref="TimeoutException">It ran longer than <see cref="ProcessRunOptions.Timeout"/> (it has been killed).</exception>
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> args, ProcessRunOptions? options = null)
    {
        options ??= new ProcessRunOptions();
        var arguments = args.ToList();
        var measure = options.MeasurePeakRss && File.Exists(GnuTime);
        var rssFile = measure ? Path.GetTempFileName() : null;
        var psi = CreateStartInfo(fileName, arguments, options);
        if (rssFile is not null)
        {
            psi.FileName = GnuTime;
            psi.ArgumentList.Clear();
            foreach (var a in (string[])["-f", "%M", "-o", rssFile, fileName, .. arguments])
                psi.ArgumentList.Add(a);
        }

        var commandLine = Describe(fileName, arguments);
        var clock = Stopwatch.StartNew();
        Process? process = null;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start '{commandLine}'.");
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(options.Timeout))
            {
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    KillTree(process);
                    var partial = await DrainAsync(stderr);
                    throw new TimeoutException(
                        $"'{commandLine}' did not finish within {options.Timeout.TotalSeconds:N0} s and was killed.\n--- stderr ---\n{partial}");
                }
            }
            var output = await stdout;
            var error = await stderr;
            clock.Stop();
            return new ProcessResult(commandLine, process.ExitCode, output, error, rssFile is null ? null : ReadPeakRss(rssFile), clock.Elapsed);
        }
        finally
        {
            // Whatever went wrong above, nothing outlives the test.
            if (process is not null)
            {
                KillTree(process);
                process.Dispose();
            }
            if (rssFile is not null)
                File.Delete(rssFile);
        }
    }

    /// <summary>Starts a long-running process (a server); disposing the handle kills its process tree.</summary>
    public static RunningProcess Start(string fileName, IEnumerable<string> args, ProcessRunOptions? options = null)
    {
        var arguments = args.ToList();
        var psi = CreateStartInfo(fileName, arguments, options ?? new ProcessRunOptions());
        return new RunningProcess(psi, Describe(fileName, arguments));
    }

    /// <summary>Kills a process and everything it started; a process that already exited is fine.</summary>
    internal static void KillTree(Process process)
    {
        try
        {
            if (process.HasExited)
                return;
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }
        process.WaitForExit(10_000);
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, List<string> arguments, ProcessRunOptions options)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            WorkingDirectory = options.WorkingDirectory ?? RepoPaths.Root,
        };
        foreach (var a in arguments)
            psi.ArgumentList.Add(a);
        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
                psi.Environment.Remove(name);
            else
                psi.Environment[name] = value;
        }
        return psi;
    }

    /// <summary>GNU time writes "Command exited with non-zero status N" (or "terminated by signal") before the
    /// format's output, so the number is the last line that is one.</summary>
    private static long? ReadPeakRss(string file)
    {
        var lines = File.ReadAllLines(file);
        for (var i = lines.Length - 1; i >= 0; i--)
        {
            if (long.TryParse(lines[i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
                return kib;
        }
        return null;
    }

    private static async Task<string> DrainAsync(Task<string> reader)
    {
        var done = await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(5)));
        return done == reader ? await reader : "(unavailable)";
    }

    private static string Describe(string fileName, IEnumerable<string> args) =>
        string.Join(' ', new[] { Path.GetFileName(fileName) }.Concat(args.Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Length == 0 ? $"\"{a}\"" : a)));
}
