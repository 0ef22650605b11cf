using System.Text.Json;
using DatumSync.Modules.Profile.Html;

namespace DatumSync.Modules.Profile;

/// <summary>
/// The profile module for the job platform. Options: <c>read</c>, <c>topValues</c>, <c>histogramBins</c>,
/// <c>correlations</c>, <c>maxCorrelationColumns</c>. Outputs <c>profile.json</c> and <c>profile.html</c>.
/// </summary>
public sealed class ProfileJobModule : IModule, IModuleOptionsValidator
{
    /// <inheritdoc/>
    public string Name => "profile";

    /// <inheritdoc/>
    public string Description => "Per-column statistics, quantiles, histograms, frequent values, patterns, semantic types and correlations.";

    /// <inheritdoc/>
    public async Task<ModuleResult> RunAsync(ModuleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = Bind(request.Options);
        var report = await ProfileModule.RunAsync(request.Inputs[0], options, request.Progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        var json = ProfileJson.Serialize(report);
        await File.WriteAllBytesAsync(Path.Combine(request.OutputDirectory, "profile.json"), json, cancellationToken).ConfigureAwait(false);
        await using (var html = File.Create(Path.Combine(request.OutputDirectory, "profile.html")))
            ProfileHtmlReport.Write(html, json);
        return new ModuleResult(report, [new ModuleOutput("profile.json", ContentTypes.ForFormat("json")), new ModuleOutput("profile.html", ContentTypes.ForFormat("html"))]);
    }

    /// <inheritdoc/>
    public void ValidateOptions(JsonElement options) => Bind(options);

    private static ProfileOptions Bind(JsonElement json)
    {
        var reader = new ModuleOptionsReader(json);
        var defaults = new ProfileOptions();
        var options = new ProfileOptions
        {
            Read = reader.ReadOptions(),
            TopValues = reader.Int("topValues", 1, 1000) ?? defaults.TopValues,
            HistogramBins = reader.Int("histogramBins", 1, 1000) ?? defaults.HistogramBins,
            Correlations = reader.Bool("correlations") ?? defaults.Correlations,
            MaxNumericCorrelationColumns = reader.Int("maxCorrelationColumns", 2, 1000) ?? defaults.MaxNumericCorrelationColumns,
        };
        reader.EnsureAllUsed();
        return options;
    }
}
