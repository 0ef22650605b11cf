using DatumSync.Platform.Catalog;
using DatumSync.Platform.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DatumSync.Platform.Workers;

/// <summary>
/// <see cref="PlatformOptions.Workers"/> workers plus a rescuer, as a hosted service: in-process under
/// <c>datumsync serve</c>, alone under <c>datumsync worker</c>.
/// </summary>
/// <remarks>
/// The rescuer returns jobs whose lease expired (their worker died or hung) to the queue every heartbeat interval, so
/// a dead worker's job is claimable again at most one interval after its lease ran out. Every process runs one; the
/// rescue is a single guarded UPDATE, so several rescuers never double-rescue. Stopping: workers stop claiming at
/// once and finish their running job; if the host's shutdown timeout passes first, running jobs are stopped and
/// handed back to the queue.
/// </remarks>
public sealed class WorkerPool : BackgroundService
{
    private readonly ICatalog _catalog;
    private readonly IObjectStore _store;
    private readonly PlatformOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _seed;
    private readonly CancellationTokenSource _abort = new();

    /// <summary>Creates the pool.</summary>
    /// <param name="catalog">The catalog and queue.</param>
    /// <param name="store">The object store.</param>
    /// <param name="options">Resolved options: worker count, lease, heartbeat.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where outcomes are logged.</param>
    /// <param name="seed">Seeds each worker's retry jitter (worker i uses seed + i); null draws one.</param>
    public WorkerPool(ICatalog catalog, IObjectStore store, PlatformOptions options, TimeProvider time, ILogger<WorkerPool> logger, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
        _seed = seed ?? Random.Shared.Next();
    }

    /// <summary>This process's worker id prefix: host name and process id.</summary>
    public static string ProcessWorkerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogMessages.PoolStarted(_logger, _options.Workers, _catalog.Provider, null);
        var tasks = new List<Task>(_options.Workers + 1);
        for (var i = 0; i < _options.Workers; i++)
        {
            var worker = new JobWorker($"{ProcessWorkerId}/{i}", _catalog, _store, _options, _time, new Random(_seed + i), _logger);
            tasks.Add(Task.Run(() => worker.RunAsync(stoppingToken, _abort.Token), CancellationToken.None));
        }
        tasks.Add(RescueLoopAsync(stoppingToken));
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task RescueLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var rescued = await _catalog.Queue.RescueExpiredAsync(stoppingToken).ConfigureAwait(false);
                if (rescued > 0)
                    LogMessages.Rescued(_logger, rescued, null);
                await Task.Delay(_options.HeartbeatInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The rescuer outlives database outages.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogMessages.WorkerError(_logger, "rescuer", e.Message, e);
                try
                {
                    await Task.Delay(_options.HeartbeatInterval, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // When the host's shutdown timeout passes, running jobs are stopped and handed back instead of finished.
        await using var registration = cancellationToken.Register(_abort.Cancel).ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (ExecuteTask is { } running)
            await running.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }
}
