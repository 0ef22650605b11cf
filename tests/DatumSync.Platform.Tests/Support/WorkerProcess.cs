using System.Diagnostics;
using System.Text;

namespace DatumSync.Platform.Tests.Support;

/// <summary>
/// A real <c>datumsync worker</c> process (the Release CLI build that ./test makes), with its log captured. Dispose
/// kills it if it is still running.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        _process = process;
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
        if (line.StartsWith("datumsync worker:", StringComparison.Ordinal))
            _ready.TrySetResult();
    }

    public int Id => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    public static string CliDll
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DatumSync.slnx")))
                    return Path.Combine(dir.FullName, "artifacts", "bin", "DatumSync.Cli", "release", "datumsync.dll");
            }
            throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Starts <c>datumsync worker ARGS</c> and waits until it says it is running.</summary>
    public static async Task<WorkerProcess> StartAsync(params string[] args)
    {
        var dll = CliDll;
        if (!File.Exists(dll))
            throw new InvalidOperationException($"the CLI is not built ({dll} is missing): run ./test or dotnet build src/DatumSync.Cli -c Release");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("worker");
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment.Remove("DATUMSYNC_DATABASE_URL");
        var worker = new WorkerProcess(Process.Start(info)!);
        worker._process.StandardInput.Close();
        var exited = worker._process.WaitForExitAsync();
        if (await Task.WhenAny(worker._ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != worker._ready.Task)
        {
            worker.Dispose();
            throw new InvalidOperationException("datumsync worker did not start:\n" + worker.Log);
        }
        return worker;
    }

    /// <summary>SIGKILL: the process dies at once, mid-job, without any clean-up.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, then waits for the graceful exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
            await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                KillHard();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
