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
    public void Emit<T>(ParseResult parse, CliConsole console, T report, Action<TextWriter, T> summary) =>
        Emit(parse, console, JsonSerializer.SerializeToUtf8Bytes(report, Json), w => summary(w, report));

    /// <summary>The same, for a report already serialized (UTF-8 JSON) by its module's own serializer.</summary>
    public void Emit(ParseResult parse, CliConsole console, byte[] json, Action<TextWriter> summary)
    {
        if (parse.GetValue(Report) is { } path)
        {
            AtomicFile.Write(path, s =>
            {
                s.Write(json);
                s.WriteByte((byte)'\n');
            });
        }
        if (parse.GetValue(JsonOut))
            console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(json));
        else
            summary(console.Out);
    }
}
