using DatumSync.Modules;
using Spectre.Console;

namespace DatumSync.Cli;

/// <summary>
/// A progress bar on stderr while a module runs, shown only when stderr is a terminal, the user did not ask for
/// quiet, and the work lasts long enough to be worth a bar (it appears after half a second).
/// </summary>
internal static class ProgressDisplay
{
    public static async Task<T> RunAsync<T>(CliConsole console, bool quiet, string label, Func<IProgress<ModuleProgress>?, Task<T>> work)
    {
        if (quiet || !console.IsInteractive)
            return await work(null);
        var latest = new LatestProgress();
        var task = work(latest);
        var finished = await Task.WhenAny(task, Task.Delay(500)) == task;
        if (finished)
            return await task;
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await ansi.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var bar = ctx.AddTask(label, maxValue: 1.0);
                while (!task.IsCompleted)
                {
                    if (latest.Value is { } p)
                    {
                        bar.Value = p.Fraction ?? 0;
                        bar.Description = $"{label} {p.Rows:N0} rows";
                    }
                    await Task.WhenAny(task, Task.Delay(100));
                }
                bar.Value = 1.0;
            });
        return await task;
    }

    private sealed class LatestProgress : IProgress<ModuleProgress>
    {
        public ModuleProgress? Value { get; private set; }

        public void Report(ModuleProgress value) => Value = value;
    }
}
