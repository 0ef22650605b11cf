using System.Diagnostics;
using System.Text;

namespace DatumSync.Cli.Tests.Harness;

/// <summary>A started process (a server) whose output is collected as it comes; disposing kills its process tree,
/// so <c>await using</c> guarantees nothing is left running whatever the test does.</summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    internal RunningProcess(ProcessStartInfo psi, string commandLine)
    {
        CommandLine = commandLine;
        _process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        if (!_process.Start())
            throw new InvalidOperationException($"Could not start '{commandLine}'.");
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The command as run.</summary>
    public string CommandLine { get; }

    /// <summary>The operating system's process id (for reading /proc/&lt;id&gt;/status).</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Standard output so far.</summary>
    public string Stdout => Snapshot(_stdout);

    /// <summary>Standard error so far.</summary>
    public string Stderr => Snapshot(_stderr);

    /// <summary>
    /// Polls <paramref name="isReady"/> until it returns true. Throws when the process exits first or
    /// <paramref name="timeout"/> passes, with the output so far in the message.
    /// </summary>
    public async Task WaitUntilAsync(Func<Task<bool>> isReady, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"'{CommandLine}' exited with {_process.ExitCode} before {what}.\n{Output()}");
            try
            {
                if (await isReady())
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // a request timed out; try again
            }
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"'{CommandLine}': no {what} within {timeout.TotalSeconds:N0} s.\n{Output()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Kills the process tree (if still running) and waits for it.</summary>
    public ValueTask DisposeAsync()
    {
        ProcessRunner.KillTree(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private string Output() => $"--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is null)
            return;
        lock (sb)
            sb.Append(line).Append('\n');
    }

    private static string Snapshot(StringBuilder sb)
    {
        lock (sb)
            return sb.ToString();
    }
}
