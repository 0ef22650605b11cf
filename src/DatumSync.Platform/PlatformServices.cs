using DatumSync.Platform.Catalog;
using DatumSync.Platform.Queue;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DatumSync.Platform;

/// <summary>Wires the platform into a host: catalog (migrated at start), queue, object store and the worker pool.</summary>
public static class PlatformServices
{
    /// <summary>
    /// Registers <see cref="TimeProvider"/> (the system clock unless one is registered), the resolved
    /// <see cref="PlatformOptions"/>, <see cref="ICatalog"/> (by provider; pending migrations are applied when the host
    /// starts), <see cref="IJobQueue"/>, <see cref="IObjectStore"/> (the filesystem store under the data directory), and
    /// the <see cref="WorkerPool"/> as a hosted service when <see cref="PlatformOptions.Workers"/> &gt; 0.
    /// </summary>
    public static IServiceCollection AddDatumSyncPlatform(this IServiceCollection services, PlatformOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resolved = options.Resolve();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(resolved);
        services.AddSingleton<ICatalog>(sp =>
            CatalogFactory.OpenAsync(resolved, sp.GetRequiredService<TimeProvider>()).GetAwaiter().GetResult());
        services.AddSingleton(sp => sp.GetRequiredService<ICatalog>().Queue);
        services.AddSingleton<IObjectStore>(_ => new FileSystemObjectStore(resolved.StorageDirectory));
        // Resolving the catalog when the host starts applies migrations then, not on the first request.
        services.AddSingleton<IHostedService>(sp => new StartupMigration(sp.GetRequiredService<ICatalog>));
        if (resolved.Workers > 0)
        {
            services.AddSingleton<IHostedService>(sp => new WorkerPool(
                sp.GetRequiredService<ICatalog>(), sp.GetRequiredService<IObjectStore>(), resolved, sp.GetRequiredService<TimeProvider>(),
                (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<WorkerPool>()));
        }
        return services;
    }

    /// <summary>Opens (and so migrates) the catalog at host start.</summary>
    private sealed class StartupMigration(Func<ICatalog> open) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() => open(), cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
