using System.CommandLine;

namespace DatumSync.Cli.Commands;

/// <summary><c>datumsync migrate</c>: applies pending catalog migrations and lists what the database has.</summary>
internal static class MigrateCommand
{
    public static Command Create(CliConsole console)
    {
        var platform = new PlatformOptionSet();
        var command = new Command("migrate", "Apply pending catalog migrations (SQLite or PostgreSQL) and list the applied ones.");
        platform.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var options = PlatformOptionSet.Resolve(platform.Build(parse));
            var (catalog, appliedNow) = await PlatformOptionSet.OpenCatalogAsync(options, ct);
            await using (catalog)
            {
                var applied = await catalog.ListAppliedMigrationsAsync(ct);
                console.Out.WriteLine($"catalog: {PlatformOptionSet.Describe(options)}");
                foreach (var (name, at) in applied)
                    console.Out.WriteLine($"  {name}  {(appliedNow.Contains(name) ? "applied now" : "applied " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC")}");
                console.Out.WriteLine(appliedNow.Count == 0 ? "up to date" : $"applied {appliedNow.Count} migration{(appliedNow.Count == 1 ? "" : "s")}");
            }
            return ExitCodes.Ok;
        });
        return command;
    }
}
