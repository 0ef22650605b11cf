using System.CommandLine;
using DatumSync.Platform;
using DatumSync.Server;
using Microsoft.Extensions.Hosting;

namespace DatumSync.Cli.Commands;

/// <summary><c>datumsync serve</c>: the dashboard and API on the embedded default.</summary>
internal static class ServeCommand
{
    public static Command Create(CliConsole console)
    {
        var urls = new Option<string>("--urls") { Description = "Address(es) to listen on.", DefaultValueFactory = _ => DatumSyncServer.DefaultUrls };
        var dataDir = new Option<string>("--data-dir") { Description = "Where the catalog and stored files live.", DefaultValueFactory = _ => PlatformOptions.DefaultDataDirectory };
        var command = new Command("serve", "Serve the dashboard and REST API (SQLite + local disk + in-process worker).") { urls, dataDir };
        command.SetAction(async (parse, ct) =>
        {
            var app = DatumSyncServer.Build(parse.GetValue(urls)!, new PlatformOptions { DataDirectory = parse.GetValue(dataDir)! });
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
