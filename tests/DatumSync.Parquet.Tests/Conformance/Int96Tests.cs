using DatumSync.Data;
using DatumSync.Parquet.Tests.Peers;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>
/// INT96 timestamps, which no peer here writes: a file built by hand (<see cref="Int96GoldenFile"/>) read by our
/// reader and by the peers. We read INT96 as a UTC instant (<c>Z</c>; Spark writes UTC-normalised values), in
/// microseconds with the digits below dropped and counted in a warning; DuckDB, Polars and hyparquet read the same
/// wall-clock values without a zone.
/// </summary>
public sealed class Int96Tests(PeerTestFiles files) : IClassFixture<PeerTestFiles>
{
    private Task<string> FileAsync() => files.OnceAsync("int96", dir =>
    {
        var path = dir.File("int96.parquet");
        Int96GoldenFile.Write(path);
        return Task.FromResult(path);
    });

    private static readonly string?[] Micros = [.. Int96GoldenFile.Meaning.Select(m => m is null ? null : DuckDbOracle.TruncateToMicros(m))];

    /// <summary>Also the regression test for INT96 nanoseconds dropped without the warning that INT64 nanosecond
    /// timestamps give.</summary>
    [Fact]
    public async Task Our_reader_reads_INT96_plain_and_dictionary_encoded_as_UTC_microseconds()
    {
        var (schema, rows, warnings) = await Cells.ReadOursAsync(await FileAsync());

        schema.Select(f => $"{f.Name} {f.Type}").Should().Equal("id int64", "ts timestamptz", "ts_dict timestamptz");
        rows.Select(r => r[1]).Should().Equal(Micros.Select(m => m is null ? null : m + "Z"));
        rows.Select(r => r[2]).Should().Equal(rows.Select(r => r[1]));
        warnings.Should().Equal("4 nanosecond timestamps had sub-microsecond digits, dropped (DatumSync holds microseconds)");
    }

    [Theory]
    [InlineData(ParquetPeer.DuckDb, "TIMESTAMP")]
    [InlineData(ParquetPeer.Hyparquet, "INT96")]
    public async Task DuckDB_and_hyparquet_read_the_same_instants(ParquetPeer peer, string type)
    {
        var file = await FileAsync();
        var (_, ours, _) = await Cells.ReadOursAsync(file);

        var read = await ParquetPeers.ReadAsync(peer, file);

        read.Columns.Select(c => c.Type).Skip(1).Should().Equal(type, type);
        read.Column("ts").Should().Equal(Int96GoldenFile.Meaning.Select(m => peer == ParquetPeer.DuckDb && m is not null ? DuckDbOracle.TruncateToMicros(m) : m),
            "DuckDB keeps microseconds, hyparquet nanoseconds");
        read.Column("ts_dict").Should().Equal(read.Column("ts"));
        for (var r = 0; r < read.Rows; r++)
        {
            var theirs = read.Data[r][1] is { } t ? DuckDbOracle.TruncateToMicros(t) + "Z" : null;
            ours[r][1].Should().Be(theirs, $"row {r}: the same instant, ours marked UTC");
        }
    }

    [Fact]
    public async Task Polars_reads_the_same_instants_within_its_nanosecond_range()
    {
        // Polars reads INT96 as datetime[ns] (years 1677 to 2262) and wraps silently outside it: years 1 and 9999
        // come back as other dates. Only the rows it can hold are compared.
        var read = await ParquetPeers.ReadAsync(ParquetPeer.Polars, await FileAsync());

        read.TypeOf("ts").Should().Be("datetime[ns]");
        int[] inRange = [0, 1, 2, 5, 6];
        inRange.Select(r => read.Data[r][1]).Should().Equal(inRange.Select(r => Int96GoldenFile.Meaning[r]));
        read.Data[3][1].Should().NotBe("0001-01-01T00:00:00", "Polars overflows here; we do not");
    }

    [Fact]
    public async Task A_filter_on_an_INT96_column_without_statistics_skips_no_row_group()
    {
        await using var reader = await ParquetReader.OpenAsync(Data.Formats.DataSource.FromFile(await FileAsync()),
            parquet: new ParquetReadOptions { Columns = ["ts_dict"], Filters = [new ParquetPredicate("ts", ParquetComparison.Greater, new DateTime(2000, 1, 1))] });
        using var batch = (await reader.ReadNextBatchAsync())!;

        reader.RowGroupsToRead.Should().Be(1, "without statistics no row group can be ruled out");
        batch.Column(0).Type.Should().Be(DataType.TimestampWithOffset);
        batch.Column(0).GetText(1).Should().Be("2024-02-29T13:14:15.123456Z");
    }
}
