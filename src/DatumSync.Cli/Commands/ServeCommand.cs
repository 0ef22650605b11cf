using System.CommandLine;
using DatumSync.Platform;
using DatumSync.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DatumSync.Cli.Commands;

/// <summary><c>datumsync serve</c>: the dashboard, the REST API and in-process workers.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var urls = new Option<string>("--urls") { Description = "Address(es) to listen on.", DefaultValueFactory = _ => DatumSyncServer.DefaultUrls };
        var dataDir = new Option<string>("--data-dir") { Description = "Where the catalog and stored files live.", DefaultValueFactory = _ => PlatformOptions.DefaultDataDirectory };
        var database = new Option<string?>("--database")
        {
            Description = $"PostgreSQL connection string (Host=…;Username=…) or URL; default: ${PlatformOptions.DatabaseUrlVariable}, else SQLite in the data directory.",
        };
        var workers = new Option<int>("--workers")
        {
            Description = "In-process workers running jobs (0: API only; jobs wait for 'datumsync worker').",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var maxUpload = new Option<long>("--max-upload-mb")
        {
            Description = "The largest upload accepted, in MB (larger ones get 413).",
            DefaultValueFactory = _ => ServerOptions.DefaultMaxUploadBytes >> 20,
        };
        var command = new Command("serve", "Serve the dashboard and REST API, with in-process workers (SQLite + local disk by default).")
        {
            urls, dataDir, database, workers, maxUpload,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(workers) < 0)
                throw new UsageException("--workers must be 0 or more");
            if (parse.GetValue(maxUpload) is < 1 or > 1L << 30)
                throw new UsageException("--max-upload-mb must be from 1 to 1073741824");
            var options = new ServerOptions
            {
                Urls = parse.GetValue(urls)!,
                Platform = new PlatformOptions
                {
                    DataDirectory = parse.GetValue(dataDir)!,
                    DatabaseConnectionString = parse.GetValue(database),
                    Workers = parse.GetValue(workers),
                },
                MaxUploadBytes = parse.GetValue(maxUpload) << 20,
            };
            WebApplication app;
            try
            {
                app = DatumSyncServer.Build(options);
            }
            catch (ArgumentException e)
            {
                // PlatformOptions.Resolve checks the settings.
                throw new UsageException(e.Message);
            }
            try
            {
                await DatumSyncServer.MigrateAsync(app, ct);
            }
            catch (System.Data.Common.DbException e)
            {
                // Not a bug and not bad input: the database is down or the connection string is wrong.
                console.Error.WriteLine($"error: cannot open the catalog ({(app.Services.GetRequiredService<PlatformOptions>().UsesPostgres ? "PostgreSQL" : "SQLite")}): {e.Message}");
                await app.DisposeAsync();
                return ExitCodes.Unavailable;
            }
            await app.StartAsync(ct);
            foreach (var address in app.Urls)
                console.Out.WriteLine($"DatumSync is serving on {address} (data: {Path.GetFullPath(parse.GetValue(dataDir)!)}). Ctrl+C stops.");
            try
            {
                await app.WaitForShutdownAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            await app.StopAsync(CancellationToken.None);
            return ExitCodes.Ok;
        });
        return command;
    }
}
