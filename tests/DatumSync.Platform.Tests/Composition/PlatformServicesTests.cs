using DatumSync.Platform.Catalog;
using DatumSync.Platform.Queue;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Tests.Support;
using DatumSync.Platform.Workers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DatumSync.Platform.Tests.Composition;

public sealed class PlatformServicesTests : IDisposable
{
    private readonly TempDir _dir = new();

    [Fact]
    public async Task The_platform_registers_a_migrated_catalog_its_queue_the_store_and_a_worker_pool_that_runs_jobs()
    {
        var services = new ServiceCollection();
        services.AddDatumSyncPlatform(new PlatformOptions { DataDirectory = _dir.Path, Workers = 1, DatabaseConnectionString = null });
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().ToList();
        hosted.Should().Contain(h => h is WorkerPool);
        foreach (var service in hosted)
            await service.StartAsync(CancellationToken.None);

        File.Exists(Path.Combine(_dir.Path, "catalog.db")).Should().BeTrue("the catalog is migrated at start");
        var catalog = provider.GetRequiredService<ICatalog>();
        catalog.Provider.Should().Be("sqlite");
        provider.GetRequiredService<IJobQueue>().Should().BeSameAs(catalog.Queue);
        provider.GetRequiredService<IObjectStore>().Should().BeOfType<FileSystemObjectStore>();
        provider.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);

        var job = await catalog.EnqueueAsync(new NewJob(Tenants.Default, "noop", [], "{}"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await catalog.GetJobAsync(Tenants.Default, job.Id))!.State != JobState.Succeeded && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        (await catalog.GetJobAsync(Tenants.Default, job.Id))!.State.Should().Be(JobState.Succeeded);
        foreach (var service in hosted)
            await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void No_workers_means_no_worker_pool()
    {
        var services = new ServiceCollection();
        services.AddDatumSyncPlatform(new PlatformOptions { DataDirectory = _dir.Path, Workers = 0 });
        using var provider = services.BuildServiceProvider();
        provider.GetServices<IHostedService>().Should().NotContain(h => h is WorkerPool);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
