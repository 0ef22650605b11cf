using DatumSync.Data;
using DatumSync.Parquet.Compression;
using Schema = DatumSync.Data.Schema;
using static DatumSync.Parquet.Tests.RoundTrip.ParquetTestData;

namespace DatumSync.Parquet.Tests.RoundTrip;

public class ParquetRoundTripTests
{
    public static TheoryData<ParquetCompression, bool, bool> Matrix()
    {
        var data = new TheoryData<ParquetCompression, bool, bool>();
        foreach (var codec in new[] { ParquetCompression.Uncompressed, ParquetCompression.Snappy, ParquetCompression.Gzip, ParquetCompression.Zstd, ParquetCompression.Lz4Raw, ParquetCompression.Brotli })
        {
            foreach (var nullable in new[] { false, true })
            {
                foreach (var dictionary in new[] { false, true })
                    data.Add(codec, nullable, dictionary);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_type_round_trips_through_our_writer_and_reader(ParquetCompression codec, bool nullable, bool dictionary)
    {
        var (schema, rows, batches) = Build(25_000, nullable, seed: 7);
        var options = new ParquetWriteOptions
        {
            Compression = new ParquetCompressionOptions(codec),
            Dictionary = dictionary,
            RowGroupRows = 9_000,
            PageBytes = 16 * 1024,
        };
        var bytes = await WriteAsync(schema, batches, options);
        batches.ForEach(b => b.Dispose());

        var (readSchema, readRows, _) = await ReadAsync(bytes);

        readSchema.Should().Equal(schema);
        readRows.Should().HaveCount(rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < schema.Count; c++)
            {
                if (rows[r][c] is double expected)
                    BitConverter.DoubleToInt64Bits((double)readRows[r][c]!).Should().Be(BitConverter.DoubleToInt64Bits(expected), $"row {r} column {schema[c].Name}");
                else
                    readRows[r][c].Should().Be(rows[r][c], $"row {r} column {schema[c].Name}");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Writing_the_same_rows_a_second_time_gives_the_same_bytes(bool dictionary)
    {
        // The second write rents the pooled buffers the first one returned, stale contents and all: none may leak
        // into the file. Batches of 10,000 rows also make the writers grow their 4,096-value buffers.
        var options = new ParquetWriteOptions { Dictionary = dictionary, RowGroupRows = 9_000, PageBytes = 16 * 1024 };
        var first = await WriteOnceAsync();
        var second = await WriteOnceAsync();

        second.Should().Equal(first);

        async Task<byte[]> WriteOnceAsync()
        {
            var (schema, _, batches) = Build(25_000, nullable: true, seed: 11);
            var bytes = await WriteAsync(schema, batches, options);
            batches.ForEach(b => b.Dispose());
            return bytes;
        }
    }

    [Fact]
    public async Task A_zero_row_file_keeps_its_schema()
    {
        var (schema, _, batches) = Build(0, nullable: true, seed: 1);
        var bytes = await WriteAsync(schema, batches, new ParquetWriteOptions());
        var (readSchema, rows, _) = await ReadAsync(bytes);
        readSchema.Should().Equal(schema);
        rows.Should().BeEmpty();
    }

    [Fact]
    public async Task An_all_null_column_writes_no_min_max_and_reads_back_null()
    {
        var schema = new Schema([new Field("n", DataType.Int64), new Field("s", DataType.String)]);
        var a = new Int64ColumnBuilder();
        var b = new StringColumnBuilder();
        for (var i = 0; i < 1000; i++)
        {
            a.AppendNull();
            b.AppendNull();
        }
        using var batch = new RecordBatch(schema, [a.Build(), b.Build()], 1000);
        var bytes = await WriteAsync(schema, [batch], new ParquetWriteOptions());
        var (_, rows, _) = await ReadAsync(bytes);
        rows.Should().HaveCount(1000).And.OnlyContain(r => r[0] == null && r[1] == null);
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, bytes);
            var info = ParquetFileInfo.Read(Data.Formats.DataSource.FromFile(path));
            info.RowGroups.Single().Columns.Should().OnlyContain(c => c.Nulls == 1000 && c.Min == null && c.Max == null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Statistics_hold_the_extremes_without_nan_and_with_signed_zeros()
    {
        var (schema, rows, batches) = Build(3_000, nullable: true, seed: 3);
        var bytes = await WriteAsync(schema, batches, new ParquetWriteOptions { RowGroupRows = 1_000_000 });
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, bytes);
            var info = ParquetFileInfo.Read(Data.Formats.DataSource.FromFile(path));
            var chunks = info.RowGroups.Single().Columns.ToDictionary(c => c.Path);
            chunks["c1_int64"].Min.Should().Be(long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
            chunks["c1_int64"].Max.Should().Be(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));
            chunks["c2_double"].Min.Should().Be("-Infinity");
            chunks["c2_double"].Max.Should().Be("Infinity");
            chunks["c6_string"].Min.Should().Be("", "the empty string is the smallest");
            chunks["c7_date"].Min.Should().Be("0001-01-01");
            var nulls = rows.Count(r => r[1] is null);
            chunks["c1_int64"].Nulls.Should().Be(nulls);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Projection_reads_only_the_named_columns()
    {
        var (schema, rows, batches) = Build(2_000, nullable: true, seed: 5);
        var bytes = await WriteAsync(schema, batches, new ParquetWriteOptions());
        var (readSchema, readRows, _) = await ReadAsync(bytes, parquet: new ParquetReadOptions { Columns = ["c6_string", "c1_int64"] });
        readSchema.Select(f => f.Name).Should().Equal("c6_string", "c1_int64");
        readRows.Select(r => r[1]).Should().Equal(rows.Select(r => r[1]));
        readRows.Select(r => r[0]).Should().Equal(rows.Select(r => r[6]));
    }

    [Fact]
    public async Task Row_groups_are_skipped_by_statistics()
    {
        var schema = new Schema([new Field("id", DataType.Int64, false)]);
        var builder = new Int64ColumnBuilder();
        for (var i = 0; i < 10_000; i++)
            builder.Append(i);
        using var batch = new RecordBatch(schema, [builder.Build()], 10_000);
        var bytes = await WriteAsync(schema, [batch], new ParquetWriteOptions { RowGroupRows = 1_000 });
        await using var reader = await ParquetReader.OpenAsync(Data.Formats.DataSource.FromBytes(bytes, "s.parquet"),
            parquet: new ParquetReadOptions { Filters = [new ParquetPredicate("id", ParquetComparison.GreaterOrEqual, 7_500L)] });
        reader.RowGroupCount.Should().Be(10);
        reader.RowGroupsToRead.Should().Be(3);
        long first = -1, count = 0;
        while (await reader.ReadNextBatchAsync() is { } b)
        {
            using (b)
            {
                if (first < 0)
                    first = ((Int64Column)b.Column(0))[0];
                count += b.RowCount;
            }
        }
        first.Should().Be(7_000);
        count.Should().Be(3_000);
        reader.Warnings.Should().Contain(w => w.Contains("7 of 10 row groups skipped"));
    }
}
