namespace DatumSync.Modules.Inspect;

/// <summary>The inspect module for the job platform. Options: <c>read</c>, <c>previewRows</c>.</summary>
public sealed class InspectJobModule : IModule
{
    /// <inheritdoc/>
    public string Name => "inspect";

    /// <inheritdoc/>
    public string Description => "Format, dialect, verified schema, null counts and first rows.";

    /// <inheritdoc/>
    public async Task<ModuleResult> RunAsync(ModuleRequest request, CancellationToken cancellationToken)
    {
        var reader = new ModuleOptionsReader(request.Options);
        var options = new InspectOptions { Read = reader.ReadOptions(), PreviewRows = reader.Int("previewRows", 0, 10_000) ?? 10 };
        reader.EnsureAllUsed();
        var report = await InspectModule.RunAsync(request.Inputs[0], options, request.Progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ModuleResult(report, []);
    }
}
