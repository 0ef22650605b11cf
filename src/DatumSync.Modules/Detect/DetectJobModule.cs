using System.Text.Json;
using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Modules.Detect.Rules;

namespace DatumSync.Modules.Detect;

/// <summary>
/// The detect module for the job platform. Options: <c>read</c>, <c>rules</c> (an inline rules object, same format as
/// a rules file), <c>rulesOnly</c> (true: use only those rules instead of extending the built-in ones),
/// <c>sampleSize</c>. Writes <c>detect.json</c> and the same report as a page, <c>detect.html</c>.
/// </summary>
public sealed class DetectJobModule : IModule, IModuleOptionsValidator
{
    /// <summary>The report's file name.</summary>
    public const string ReportFile = "detect.json";

    /// <summary>The HTML page's file name.</summary>
    public const string HtmlFile = "detect.html";

    /// <inheritdoc/>
    public string Name => "detect";

    /// <inheritdoc/>
    public string Description => "Semantic column types (with PII flags and evidence) and the dataset type with a confidence level.";

    /// <inheritdoc/>
    public async Task<ModuleResult> RunAsync(ModuleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = Bind(request.Options);
        var report = await DetectModule.RunAsync(request.Inputs[0], options, request.Progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(request.OutputDirectory, ReportFile);
        using (var file = new AtomicFile(path))
        {
            await JsonSerializer.SerializeAsync(file.Stream, report, ModuleJson.Options, cancellationToken).ConfigureAwait(false);
            file.Commit();
        }
        AtomicFile.Write(Path.Combine(request.OutputDirectory, HtmlFile), s => Html.DetectHtmlReport.Write(s, report));
        return new ModuleResult(report, [new ModuleOutput(ReportFile, ContentTypes.ForFormat("json")), new ModuleOutput(HtmlFile, ContentTypes.ForFormat("html"))]);
    }

    /// <inheritdoc/>
    public void ValidateOptions(JsonElement options) => Bind(options);

    private static DetectOptions Bind(JsonElement json)
    {
        var reader = new ModuleOptionsReader(json);
        var read = reader.ReadOptions();
        var rulesOnly = reader.Bool("rulesOnly") ?? false;
        var sampleSize = reader.Int("sampleSize", 10, 100_000) ?? new DetectOptions().SampleSize;
        _ = reader.Object("rules"); // marks the key as known and insists on an object; the rules parser checks its content
        var rules = DatasetRules.Default;
        var rulesSource = "built-in";
        if (json.ValueKind == JsonValueKind.Object && json.TryGetProperty("rules", out var inline) && inline.ValueKind != JsonValueKind.Null)
        {
            DatasetRules custom;
            try
            {
                custom = DatasetRules.Parse(inline, "option 'rules'");
            }
            catch (DataFormatException e)
            {
                throw new ModuleOptionsException(e.Message);
            }
            (rules, rulesSource) = rulesOnly ? (custom, "inline rules") : (DatasetRules.Default.Extend(custom), "built-in + inline rules");
        }
        else if (rulesOnly)
            throw new ModuleOptionsException("option 'rulesOnly' needs option 'rules'");
        reader.EnsureAllUsed();

        return new DetectOptions { Read = read, Rules = rules, RulesSource = rulesSource, SampleSize = sampleSize };
    }
}
