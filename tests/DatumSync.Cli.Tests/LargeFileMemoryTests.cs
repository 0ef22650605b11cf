using System.Text.Json;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

/// <summary>
/// Streaming is the promise: memory is bounded by batch size, not file size. These run the real CLI on a generated
/// ~1 GB CSV (and a ~100 MB one for the baseline) and hold it to a fixed ceiling and to flat growth.
/// </summary>
/// <remarks>
/// They need a few GB of free disk in the temp folder (<c>DATUMSYNC_TEST_TMPDIR</c> moves it) and a few minutes;
/// <c>./test 'Category!=LargeFile'</c> leaves them out locally. Each command runs once per file size; the runs are
/// shared by the tests through <see cref="LargeCsvFiles"/>.
/// </remarks>
[Collection(LargeFileCollection.Name)]
[Trait("Category", "LargeFile")]
public class LargeFileMemoryTests(LargeCsvFiles files)
{
    /// <summary>The ceiling for any command on the 1 GB file: a quarter of its size leaves no room for buffering it.</summary>
    private const double MaxPeakRssMiB = 400;

    /// <summary>Ten times the input may cost at most half as much memory again.</summary>
    private const double MaxGrowth = 1.5;

    [Fact]
    public async Task Convert_of_a_1_GB_csv_to_ndjson_stays_under_400_MiB_and_writes_every_row()
    {
        var run = await files.ConvertAsync(files.Big);

        run.Result.ExitCode.Should().Be(0, run.Result.ToString());
        run.Result.Stderr.Should().NotContain("   at ", run.Result.ToString());
        run.OutputLines.Should().Be(files.Big.Rows, "one NDJSON line per CSV row (multi-line quoted names included)");
        run.Result.PeakRssMiB.Should().BeLessThan(MaxPeakRssMiB, run.Result.ToString());
    }

    [Fact]
    public async Task Inspect_of_a_1_GB_csv_stays_under_400_MiB_and_counts_every_row()
    {
        var result = await files.InspectAsync(files.Big);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stderr.Should().NotContain("   at ", result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Numbers(json.RootElement).Should().Contain(files.Big.Rows, "inspect --json reports the row count ({0}) somewhere: {1}", files.Big.Rows, result);
        result.PeakRssMiB.Should().BeLessThan(MaxPeakRssMiB, result.ToString());
    }

    [Fact]
    public async Task Convert_memory_stays_flat_from_100_MB_to_1_GB()
    {
        var small = await files.ConvertAsync(files.Small);
        var big = await files.ConvertAsync(files.Big);

        small.Result.ExitCode.Should().Be(0, small.Result.ToString());
        small.OutputLines.Should().Be(files.Small.Rows);
        big.Result.ExitCode.Should().Be(0, big.Result.ToString());
        big.Result.PeakRssMiB.Should().BeLessThanOrEqualTo(small.Result.PeakRssMiB * MaxGrowth,
            "memory must not grow with the input: 100 MB took {0:N0} MiB, 1 GB took {1:N0} MiB", small.Result.PeakRssMiB, big.Result.PeakRssMiB);
    }

    [Fact]
    public async Task Inspect_memory_stays_flat_from_100_MB_to_1_GB()
    {
        var small = await files.InspectAsync(files.Small);
        var big = await files.InspectAsync(files.Big);

        small.ExitCode.Should().Be(0, small.ToString());
        big.ExitCode.Should().Be(0, big.ToString());
        big.PeakRssMiB.Should().BeLessThanOrEqualTo(small.PeakRssMiB * MaxGrowth,
            "memory must not grow with the input: 100 MB took {0:N0} MiB, 1 GB took {1:N0} MiB", small.PeakRssMiB, big.PeakRssMiB);
    }

    private static IEnumerable<long> Numbers(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetInt64(out var n) => [n],
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Numbers(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Numbers),
        _ => [],
    };
}
