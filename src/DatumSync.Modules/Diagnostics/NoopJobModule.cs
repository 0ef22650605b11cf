using System.Globalization;
using DatumSync.Data;

namespace DatumSync.Modules.Diagnostics;

/// <summary>
/// A module that does (almost) nothing, for the platform's own tests and benchmarks. Options: <c>sleepMs</c> (how long
/// to take, default 0), <c>outputs</c> (how many small files to write, default 0, spread over the sleep so a worker
/// killed mid-job leaves some written and some not), <c>fail</c> (<c>"format"</c>: a permanent input error;
/// <c>"transient"</c>: an error worth retrying).
/// </summary>
public sealed class NoopJobModule : IModule
{
    /// <inheritdoc/>
    public string Name => "noop";

    /// <inheritdoc/>
    public string Description => "Does nothing (optionally slowly, writing small files): for testing and benchmarking the job platform.";

    /// <inheritdoc/>
    public int MinInputs => 0;

    /// <inheritdoc/>
    public int MaxInputs => 16;

    /// <inheritdoc/>
    public async Task<ModuleResult> RunAsync(ModuleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reader = new ModuleOptionsReader(request.Options);
        var sleepMs = reader.Int("sleepMs", 0, 3_600_000) ?? 0;
        var outputs = reader.Int("outputs", 0, 1000) ?? 0;
        var fail = reader.String("fail");
        reader.EnsureAllUsed();
        switch (fail)
        {
            case null:
                break;
            case "format":
                throw new DataFormatException(request.Inputs.Count > 0 ? request.Inputs[0].Name : "noop", "asked to fail with a format error");
            case "transient":
                throw new InvalidOperationException("noop asked to fail with a transient error");
            default:
                throw new ModuleOptionsException("option 'fail' must be \"format\" or \"transient\"");
        }
        var written = new List<ModuleOutput>(outputs);
        var steps = Math.Max(1, outputs);
        for (var i = 0; i < steps; i++)
        {
            if (sleepMs > 0)
                await Task.Delay(TimeSpan.FromMilliseconds(sleepMs / (double)steps), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (i < outputs)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"out-{i + 1:D4}.txt");
                await File.WriteAllTextAsync(Path.Combine(request.OutputDirectory, name), string.Create(CultureInfo.InvariantCulture, $"noop output {i + 1} of {outputs}\n"), cancellationToken).ConfigureAwait(false);
                written.Add(new ModuleOutput(name, "text/plain"));
            }
            request.Progress?.Report(new ModuleProgress("working", i + 1, steps, 0));
        }
        return new ModuleResult(new NoopReport(request.Inputs.Count, sleepMs, outputs), written);
    }
}

/// <summary>What the noop module did.</summary>
/// <param name="Inputs">Input datasets it was given.</param>
/// <param name="SleptMs">How long it slept.</param>
/// <param name="Outputs">Files it wrote.</param>
public sealed record NoopReport(int Inputs, int SleptMs, int Outputs);
