using System.Globalization;
using System.Text;
using System.Text.Json;
using DatumSync.Data.Formats;
using DatumSync.Modules.Detect;

namespace DatumSync.Modules.Tests.Detect;

public class DetectModuleTests
{
    private static DataSource Csv(string text, string name = "data.csv") => DataSource.FromBytes(Encoding.UTF8.GetBytes(text), name);

    private static string Rows(int count, Func<int, string> row, string header)
    {
        var sb = new StringBuilder(header).Append('\n');
        for (var i = 0; i < count; i++)
            sb.Append(row(i)).Append('\n');
        return sb.ToString();
    }

    [Fact]
    public async Task Distinct_counts_are_exact_when_small_and_estimated_within_three_percent_when_large()
    {
        var text = Rows(60_000, i => string.Create(CultureInfo.InvariantCulture, $"{i * 7 + 3},k{i % 37}"), "id,kind");

        var report = await DetectModule.RunAsync(Csv(text), new DetectOptions());

        var id = report.Columns.Single(c => c.Name == "id");
        id.DistinctExact.Should().BeFalse();
        id.Distinct.Should().BeCloseTo(60_000, 1_800);
        var kind = report.Columns.Single(c => c.Name == "kind");
        kind.DistinctExact.Should().BeTrue();
        kind.Distinct.Should().Be(37);
        kind.SemanticType.Should().Be("categorical");
    }

    [Fact]
    public async Task The_same_file_and_seed_give_the_same_report()
    {
        var text = Rows(20_000, i => string.Create(CultureInfo.InvariantCulture, $"{i},{(i % 3 == 0 ? "x" : "y")}{i % 101},user{i}@example.com"), "n,code,email");

        var a = await DetectModule.RunAsync(Csv(text), new DetectOptions { SampleSize = 500 });
        var b = await DetectModule.RunAsync(Csv(text), new DetectOptions { SampleSize = 500 });

        JsonSerializer.Serialize(a with { ElapsedSeconds = 0 }).Should().Be(JsonSerializer.Serialize(b with { ElapsedSeconds = 0 }));
        a.Columns.Single(c => c.Name == "email").SemanticType.Should().Be("email");
    }

    [Fact]
    public async Task A_column_that_widens_after_the_inference_rows_is_still_classified_from_all_rows()
    {
        // The first rows look like integers; codes with letters come later and widen the column to text.
        var text = Rows(3_000, i => string.Create(CultureInfo.InvariantCulture, $"{(i < 2_000 ? (10_000 + i).ToString(CultureInfo.InvariantCulture) : "A" + i)},{i % 5}"), "ref,grp");

        var report = await DetectModule.RunAsync(Csv(text), new DetectOptions { Read = new ReadOptions { InferenceRows = 100 } });

        report.Rows.Should().Be(3_000);
        var column = report.Columns.Single(c => c.Name == "ref");
        column.Type.Should().Be("string");
        column.SemanticType.Should().Be("identifier");
        column.Distinct.Should().Be(3_000);
    }

    [Fact]
    public async Task A_number_seen_before_and_after_the_column_widens_to_a_fraction_is_one_distinct_value()
    {
        // 500 integers, then a fraction that widens the column (to decimal), then the same 500 integers again.
        var text = Rows(4_001, i => i == 2_000 ? "0.5" : (i % 500).ToString(CultureInfo.InvariantCulture), "n");

        var report = await DetectModule.RunAsync(Csv(text), new DetectOptions { Read = new ReadOptions { InferenceRows = 100, BatchRows = 256 } });

        var column = report.Columns.Single();
        column.Type.Should().StartWith("decimal");
        column.DistinctExact.Should().BeTrue();
        column.Distinct.Should().Be(501);
    }

    [Fact]
    public async Task A_date_seen_before_and_after_the_column_widens_to_timestamp_is_one_distinct_value()
    {
        var text = Rows(2_001, i => i == 1_000 ? "2024-01-01T12:30:00" : new DateOnly(2024, 1, 1).AddDays(i % 50).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "day");

        var report = await DetectModule.RunAsync(Csv(text), new DetectOptions { Read = new ReadOptions { InferenceRows = 100, BatchRows = 256 } });

        var column = report.Columns.Single();
        column.Type.Should().StartWith("timestamp");
        column.Distinct.Should().Be(51);
    }

    [Fact]
    public async Task Progress_is_reported_with_the_row_count()
    {
        var text = Rows(5_000, i => string.Create(CultureInfo.InvariantCulture, $"{i},{i % 7}"), "a,b");
        var seen = new List<ModuleProgress>();

        var report = await DetectModule.RunAsync(Csv(text), new DetectOptions(), new SyncProgress(seen.Add));

        seen.Should().NotBeEmpty();
        seen[^1].Rows.Should().Be(report.Rows);
    }

    private sealed class SyncProgress(Action<ModuleProgress> report) : IProgress<ModuleProgress>
    {
        public void Report(ModuleProgress value) => report(value);
    }
}
