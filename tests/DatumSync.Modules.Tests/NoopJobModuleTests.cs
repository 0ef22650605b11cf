using System.Text.Json;
using DatumSync.Data;
using DatumSync.Modules;
using DatumSync.Modules.Diagnostics;

namespace DatumSync.Modules.Tests;

/// <summary>The platform's test module: it must do exactly what its options say, since platform tests rely on it.</summary>
public sealed class NoopJobModuleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("datumsync-noop-").FullName;

    private Task<ModuleResult> RunAsync(string options, CancellationToken cancellationToken = default) =>
        ModuleCatalog.Find("noop")!.RunAsync(new ModuleRequest([], JsonDocument.Parse(options).RootElement, _dir), cancellationToken);

    [Fact]
    public async Task It_is_registered_takes_no_inputs_and_writes_the_files_it_is_asked_for()
    {
        ModuleCatalog.Find("noop").Should().BeOfType<NoopJobModule>().Which.MinInputs.Should().Be(0);
        var result = await RunAsync("""{"outputs": 2}""");
        result.Outputs.Select(o => o.FileName).Should().Equal("out-0001.txt", "out-0002.txt");
        File.ReadAllText(Path.Combine(_dir, "out-0002.txt")).Should().Be("noop output 2 of 2\n");
        result.Report.Should().Be(new NoopReport(0, 0, 2));
    }

    [Fact]
    public async Task Its_failures_are_the_kinds_asked_for()
    {
        await FluentActions.Awaiting(() => RunAsync("""{"fail": "format"}""")).Should().ThrowAsync<DataFormatException>();
        await FluentActions.Awaiting(() => RunAsync("""{"fail": "transient"}""")).Should().ThrowAsync<InvalidOperationException>();
        await FluentActions.Awaiting(() => RunAsync("""{"fail": "sometimes"}""")).Should().ThrowAsync<ModuleOptionsException>();
        (await FluentActions.Awaiting(() => RunAsync("""{"sleep": 5}""")).Should().ThrowAsync<ModuleOptionsException>()).WithMessage("*'sleep'*");
    }

    [Fact]
    public async Task A_long_sleep_ends_when_cancelled()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await FluentActions.Awaiting(() => RunAsync("""{"sleepMs": 600000}""", cts.Token)).Should().ThrowAsync<OperationCanceledException>();
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
