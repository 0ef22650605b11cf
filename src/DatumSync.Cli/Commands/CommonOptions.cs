using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DatumSync.Data.Formats;

namespace DatumSync.Cli.Commands;

/// <summary>The output conventions every command keeps: --json, --report, --quiet.</summary>
internal sealed class CommonOptions
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public Option<bool> JsonOut { get; } = new("--json") { Description = "Print the result as JSON on stdout instead of the summary." };

    public Option<string?> Report { get; } = new("--report") { Description = "Also write the JSON report to this file." };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress output." };

    public void AddTo(Command command)
    {
        command.Options.Add(JsonOut);
        command.Options.Add(Report);
        command.Options.Add(Quiet);
    }

    /// <summary>Prints the result (JSON or the human summary) and writes the report file if asked.</summary>
    public void Emit<T>(ParseResult parse, CliConsole console, T report, Action<TextWriter, T> summary)
    {
        var json = JsonSerializer.Serialize(report, Json);
        if (parse.GetValue(Report) is { } path)
        {
            using var file = new AtomicFile(path);
            using (var w = new StreamWriter(file.Stream, new System.Text.UTF8Encoding(false), leaveOpen: true))
                w.Write(json + "\n");
            file.Commit();
        }
        if (parse.GetValue(JsonOut))
            console.Out.WriteLine(json);
        else
            summary(console.Out, report);
    }
}
