using System.Text.Json;
using DatumSync.Data.Formats;

namespace DatumSync.Modules;

/// <summary>
/// A module as the job platform sees it: a name, options as JSON, input datasets, and a directory for the files
/// it produces. The CLI calls each module's typed <c>RunAsync</c> directly; the worker calls this adapter, which
/// binds the options and calls exactly the same code.
/// </summary>
public interface IModule
{
    /// <summary>The module's name as used in the API and the CLI (<c>profile</c>, <c>convert</c>…).</summary>
    string Name { get; }

    /// <summary>One line for listings.</summary>
    string Description { get; }

    /// <summary>How many input datasets the module takes (most take one).</summary>
    int MinInputs => 1;

    /// <summary>The most input datasets the module takes.</summary>
    int MaxInputs => 1;

    /// <summary>Runs the module.</summary>
    /// <exception cref="Data.DataFormatException">An input cannot be read: a permanent failure, never retried.</exception>
    /// <exception cref="ModuleOptionsException">The options are invalid: a permanent failure, never retried.</exception>
    Task<ModuleResult> RunAsync(ModuleRequest request, CancellationToken cancellationToken);
}

/// <summary>What a module run gets.</summary>
/// <param name="Inputs">Input datasets, in order.</param>
/// <param name="Options">Module options (a JSON object; <c>null</c>/undefined means defaults).</param>
/// <param name="OutputDirectory">An empty directory the module writes its output files into; the caller stores them.</param>
/// <param name="Progress">Progress sink, or <c>null</c>.</param>
public sealed record ModuleRequest(IReadOnlyList<DataSource> Inputs, JsonElement Options, string OutputDirectory, IProgress<ModuleProgress>? Progress = null);

/// <summary>What a module run produced.</summary>
/// <param name="Report">The report (serialised to JSON with <see cref="ModuleJson.Options"/>).</param>
/// <param name="Outputs">Files written under <see cref="ModuleRequest.OutputDirectory"/>.</param>
public sealed record ModuleResult(object Report, IReadOnlyList<ModuleOutput> Outputs);

/// <summary>A file a module wrote.</summary>
/// <param name="FileName">File name inside the output directory (no directories).</param>
/// <param name="ContentType">MIME type for downloads.</param>
public sealed record ModuleOutput(string FileName, string ContentType);

/// <summary>Invalid module options (unknown option, wrong type, bad value): a user error, never retried.</summary>
public sealed class ModuleOptionsException(string message) : Exception(message);

/// <summary>JSON settings shared by module reports and options.</summary>
public static class ModuleJson
{
    /// <summary>snake_case-free web defaults with indentation off; enums as strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
