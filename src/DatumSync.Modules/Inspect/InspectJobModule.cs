using System.Text.Json;

namespace DatumSync.Modules.Inspect;

/// <summary>The inspect module for the job platform. Options: <c>read</c>, <c>previewRows</c>.</summary>
public sealed class InspectJobModule : IModule, IModuleOptionsValidator
{
    /// <inheritdoc/>
    public string Name => "inspect";

    /// <inheritdoc/>
    public string Description => "Format, dialect, verified schema, null counts and first rows.";

    /// <inheritdoc/>
    public async Task<ModuleResult> RunAsync(ModuleRequest request, CancellationToken cancellationToken)
    {
        var options = Bind(request.Options);
        var report = await InspectModule.RunAsync(request.Inputs[0], options, request.Progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ModuleResult(report, []);
    }

    /// <inheritdoc/>
    public void ValidateOptions(JsonElement options) => Bind(options);

    private static InspectOptions Bind(JsonElement json)
    {
        var reader = new ModuleOptionsReader(json);
        var options = new InspectOptions { Read = reader.ReadOptions(), PreviewRows = reader.Int("previewRows", 0, 10_000) ?? 10 };
        reader.EnsureAllUsed();
        return options;
    }
}
