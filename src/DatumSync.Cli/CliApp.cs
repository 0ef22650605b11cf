using System.CommandLine;
using DatumSync.Cli.Commands;
using DatumSync.Data;

namespace DatumSync.Cli;

/// <summary>The <c>datumsync</c> command line: parses arguments, runs a command, maps errors to exit codes.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var console = new CliConsole(stdout ?? Console.Out, stderr ?? Console.Error);
        var root = new RootCommand("DatumSync: turn the data you receive into trusted, analysis-ready data.");
        foreach (var command in CommandCatalog.Create(console))
            root.Subcommands.Add(command);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var message in UsageErrors(parse))
                console.Error.WriteLine($"error: {message}");
            console.Error.WriteLine("Run 'datumsync --help' for usage.");
            return ExitCodes.Usage;
        }

        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cts.Token);
        }
        catch (UsageException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (DataFormatException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            console.Error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (IOException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (UnauthorizedAccessException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.InputError;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("DATUMSYNC_DEBUG") is null or "" or "0")
        {
            // A bug, not a user mistake: still one line, no stack trace unless asked for.
            console.Error.WriteLine($"error: internal error ({e.GetType().Name}): {e.Message} (set DATUMSYNC_DEBUG=1 for details, and please report it)");
            return ExitCodes.InternalError;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// The parse errors worth showing. An unknown word (<c>datumsync frobnicate</c>) also produces "Required command
    /// was not provided."; the word is the mistake, so only the errors naming an unmatched token are kept then.
    /// </summary>
    private static List<string> UsageErrors(ParseResult parse)
    {
        var messages = parse.Errors.Select(e => e.Message).Distinct().ToList();
        var aboutTokens = messages.Where(m => parse.UnmatchedTokens.Any(t => m.Contains($"'{t}'", StringComparison.Ordinal))).ToList();
        return aboutTokens.Count > 0 ? aboutTokens : messages;
    }
}

/// <summary>A mistake on the command line found after parsing (a bad combination of options, an unknown type name).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The streams a command writes to (real console, or captured in tests).</summary>
internal sealed class CliConsole(TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out { get; } = stdout;

    public TextWriter Error { get; } = stderr;

    /// <summary>Whether to draw progress: stderr is a terminal and the user did not ask for quiet.</summary>
    public bool IsInteractive => ReferenceEquals(Error, Console.Error) && !Console.IsErrorRedirected;
}
