using System.CommandLine;
using System.Runtime.InteropServices;
using DatumSync.Platform;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Workers;
using Microsoft.Extensions.Logging;

namespace DatumSync.Cli.Commands;

/// <summary><c>datumsync worker</c>: runs job workers alone against a catalog and store, for scale-out.</summary>
internal static class WorkerCommand
{
    public static Command Create(CliConsole console)
    {
        var platform = new PlatformOptionSet();
        var defaults = new PlatformOptions();
        var workers = new Option<int>("--workers", "-w") { Description = "Jobs run at once by this process.", DefaultValueFactory = _ => defaults.Workers };
        var lease = new Option<double>("--lease-seconds") { Description = "How long a claim lasts unless renewed; a dead worker's job is rescued after it.", DefaultValueFactory = _ => defaults.LeaseDuration.TotalSeconds };
        var heartbeat = new Option<double>("--heartbeat-seconds") { Description = "How often a running job's lease is renewed (at most half the lease).", DefaultValueFactory = _ => defaults.HeartbeatInterval.TotalSeconds };
        var logLevel = new Option<LogLevel>("--log-level")
        {
            Description = "Information logs every job's outcome; Warning only failures (for very high job rates).",
            DefaultValueFactory = _ => LogLevel.Information,
        };
        var command = new Command("worker", "Run job workers against the catalog and object store until SIGTERM or Ctrl+C (running jobs finish first).")
        {
            workers, lease, heartbeat, logLevel,
        };
        platform.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(workers) < 1)
                throw new UsageException("--workers must be 1 or more");
            var options = PlatformOptionSet.Resolve(platform.Build(parse) with
            {
                Workers = parse.GetValue(workers),
                LeaseDuration = Seconds(parse.GetValue(lease), "--lease-seconds"),
                HeartbeatInterval = Seconds(parse.GetValue(heartbeat), "--heartbeat-seconds"),
            });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });
            var (catalog, _) = await PlatformOptionSet.OpenCatalogAsync(options, ct);
            await using (catalog)
            {
                using var loggers = LoggerFactory.Create(b => b
                    .SetMinimumLevel(parse.GetValue(logLevel))
                    .AddSimpleConsole(o =>
                    {
                        o.SingleLine = true;
                        o.TimestampFormat = "HH:mm:ss.fff ";
                    })
                    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
                using var pool = new WorkerPool(catalog, new FileSystemObjectStore(options.StorageDirectory), options, TimeProvider.System, loggers.CreateLogger<WorkerPool>());
                console.Error.WriteLine($"datumsync worker: {options.Workers} worker(s) on {PlatformOptionSet.Describe(options)}, files in {options.StorageDirectory}. SIGTERM or Ctrl+C stops after running jobs finish.");
                await pool.StartAsync(CancellationToken.None);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await pool.StopAsync(grace.Token);
            }
            console.Error.WriteLine("datumsync worker: stopped");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static TimeSpan Seconds(double value, string option) =>
        value > 0 && value < 86_400 ? TimeSpan.FromSeconds(value) : throw new UsageException($"{option} must be a positive number of seconds");
}
