using System.Text.Json;
using DatumSync.Data.Formats;

namespace DatumSync.Modules.Convert;

/// <summary>
/// The convert module for the job platform. Options: <c>to</c> (format name, required), <c>read</c>,
/// <c>delimiter</c>, <c>header</c>, <c>sheetName</c>, <c>settings</c> (format settings such as
/// <c>parquet.compression</c>). The output is one file named after the input with the new extension.
/// </summary>
public sealed class ConvertJobModule : IModule, IModuleOptionsValidator
{
    /// <inheritdoc/>
    public string Name => "convert";

    /// <inheritdoc/>
    public string Description => "Converts between CSV, TSV, JSON, NDJSON, Excel and Parquet.";

    /// <inheritdoc/>
    public async Task<ModuleResult> RunAsync(ModuleRequest request, CancellationToken cancellationToken)
    {
        var (read, write, format) = Bind(request.Options);
        var input = request.Inputs[0];
        var stem = Path.GetFileNameWithoutExtension(input.Name);
        var fileName = (string.IsNullOrWhiteSpace(stem) ? "output" : stem) + "." + format.Extensions[0];
        var report = await ConvertModule.RunAsync(input, Path.Combine(request.OutputDirectory, fileName), new ConvertOptions { Read = read, Write = write },
            request.Progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ModuleResult(report, [new ModuleOutput(fileName, ContentTypes.ForFormat(format.Name))]);
    }

    /// <inheritdoc/>
    public void ValidateOptions(JsonElement options) => Bind(options);

    private static (ReadOptions Read, WriteOptions Write, IFileFormat Format) Bind(JsonElement json)
    {
        var reader = new ModuleOptionsReader(json);
        var to = reader.String("to") ?? throw new ModuleOptionsException("option 'to' (the output format, such as \"parquet\") is required");
        var read = reader.ReadOptions();
        var defaults = new WriteOptions();
        var write = new WriteOptions
        {
            Format = to,
            Delimiter = reader.Char("delimiter") ?? defaults.Delimiter,
            Header = reader.Bool("header") ?? true,
            SheetName = reader.String("sheetName") ?? defaults.SheetName,
            Settings = reader.StringMap("settings"),
        };
        reader.EnsureAllUsed();
        var format = ModuleFormats.Registry.Find(to) ?? throw new ModuleOptionsException($"option 'to': unknown format '{to}'; known: {string.Join(", ", ModuleFormats.Registry.Formats.Where(f => f.CanWrite).Select(f => f.Name))}");
        return (read, write, format);
    }
}
