using DatumSync.Data.Formats;
using DatumSync.Modules.Convert;
using DatumSync.Modules.Profile;

namespace DatumSync.Modules.Tests.Profile;

public class ProfileParquetTests
{
    [Fact]
    public async Task A_parquet_file_profiles_like_the_csv_it_was_converted_from()
    {
        var dir = Directory.CreateTempSubdirectory("profile-parquet-");
        try
        {
            var csv = Path.Combine(dir.FullName, "orders.csv");
            var parquet = Path.Combine(dir.FullName, "orders.parquet");
            await File.WriteAllTextAsync(csv, ProfileTestData.Orders(8_000, seed: 3));
            await ConvertModule.RunAsync(DataSource.FromFile(csv), parquet, new ConvertOptions { Write = new WriteOptions { Format = "parquet" } });

            var fromCsv = await ProfileModule.RunAsync(DataSource.FromFile(csv), new ProfileOptions());
            var fromParquet = await ProfileModule.RunAsync(DataSource.FromFile(parquet), new ProfileOptions());

            fromParquet.Format.Should().Be("parquet");
            fromParquet.Rows.Should().Be(8_000);
            for (var c = 0; c < fromCsv.Columns.Count; c++)
            {
                var (a, b) = (fromCsv.Columns[c], fromParquet.Columns[c]);
                (b.Name, b.Type, b.Count, b.Nulls, b.Distinct).Should().Be((a.Name, a.Type, a.Count, a.Nulls, a.Distinct));
                b.Min.Should().Be(a.Min);
                b.Max.Should().Be(a.Max);
                b.Mean.Should().Be(a.Mean);
                b.Temporal.Should().Be(a.Temporal);
                b.TopValues.Should().Equal(a.TopValues);
            }
            fromParquet.DuplicateRows.Should().Be(fromCsv.DuplicateRows);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
