using System.CommandLine;

namespace DatumSync.Cli.Commands;

/// <summary>Every top-level command.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliConsole console)
    {
        yield return InspectCommand.Create(console);
        yield return ConvertCommand.Create(console);
        yield return DetectCommand.Create(console);
        yield return ServeCommand.Create(console);
        yield return WorkerCommand.Create(console);
        yield return MigrateCommand.Create(console);
    }
}
