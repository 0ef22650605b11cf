using System.Globalization;
using System.Text;
using DatumSync.Cli.Tests.Harness;
using DatumSync.Data;

namespace DatumSync.Parquet.Tests.Peers;

/// <summary>
/// Proves the peer tooling itself (tests/peers/parquet-*.mjs and <see cref="ParquetPeers"/>) before conformance
/// tests lean on it: the three engines agree with each other and with <see cref="ValueFormatter"/> on files they
/// write, the footer is reported faithfully, and failures are clean.
/// </summary>
public sealed class PeerToolingTests : IClassFixture<PeerTestFiles>
{
    private readonly PeerTestFiles _files;
    private readonly TempDir _dir;

    public PeerToolingTests(PeerTestFiles files)
    {
        _files = files;
        _dir = files.Dir;
    }

    /// <summary>Every type × null the conformance tests need, with edge values; DuckDB 1.5 writes DECIMAL(4,2) as
    /// INT32, DECIMAL(18,6) as INT64 and DECIMAL(38,10) as FIXED_LEN_BYTE_ARRAY(16).</summary>
    private const string EveryTypeSql = """
        SELECT * FROM (VALUES
          (1, true, 127::TINYINT, 32767::SMALLINT, 2147483647::INTEGER, 9223372036854775807::BIGINT,
           1.5::FLOAT, 0.1::DOUBLE, 12.34::DECIMAL(4,2), 123456789012.345678::DECIMAL(18,6),
           12345678901234567890123456.7890123456::DECIMAL(38,10), 'héllo "x"', DATE '2024-02-29',
           TIMESTAMP '2024-02-29 13:14:15.123456', TIMESTAMPTZ '2024-02-29 13:14:15.5+02', '\x00\xFF'::BLOB,
           [1, 2, NULL], ['a', NULL, 'c']),
          (2, false, (-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER, (-9223372036854775808)::BIGINT,
           'NaN'::FLOAT, 'Infinity'::DOUBLE, (-0.05)::DECIMAL(4,2), (-0.000001)::DECIMAL(18,6),
           (-0.0000000001)::DECIMAL(38,10), '', DATE '1969-12-31',
           TIMESTAMP '1969-12-31 23:59:59.999999', TIMESTAMPTZ '1970-01-01 00:00:00Z', ''::BLOB, [], []),
          (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
          (4, NULL, 0::TINYINT, 0::SMALLINT, 0::INTEGER, 0::BIGINT, 3.4e38::FLOAT, '-Infinity'::DOUBLE,
           99.99::DECIMAL(4,2), 999999999999.999999::DECIMAL(18,6),
           (-9999999999999999999999999999.9999999999)::DECIMAL(38,10), 'multi' || chr(10) || 'line ✓',
           DATE '0001-01-01', TIMESTAMP '9999-12-31 23:59:59', TIMESTAMPTZ '2024-06-30 23:59:59.999999-07',
           '\x00\x01\x02'::BLOB, [NULL], [NULL, ''])
        ) t(id, b, i8, i16, i32, i64, f32, f64, dec4, dec18, dec38, s, dt, ts, tstz, bin, li, ls)
        """;

    private static readonly string?[][] EveryTypeExpected =
    [
        ["1", "true", "127", "32767", "2147483647", "9223372036854775807", "1.5", "0.1", "12.34", "123456789012.345678",
         "12345678901234567890123456.7890123456", "héllo \"x\"", "2024-02-29", "2024-02-29T13:14:15.123456",
         "2024-02-29T11:14:15.5Z", "AP8=", "[1,2,null]", """["a",null,"c"]"""],
        ["2", "false", "-128", "-32768", "-2147483648", "-9223372036854775808", "NaN", "Infinity", "-0.05", "-0.000001",
         "-0.0000000001", "", "1969-12-31", "1969-12-31T23:59:59.999999", "1970-01-01T00:00:00Z", "", "[]", "[]"],
        ["3", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
        ["4", null, "0", "0", "0", "0", "3.3999999521443642E+38", "-Infinity", "99.99", "999999999999.999999",
         "-9999999999999999999999999999.9999999999", "multi\nline ✓", "0001-01-01", "9999-12-31T23:59:59",
         "2024-07-01T06:59:59.999999Z", "AAEC", "[null]", """[null,""]"""],
    ];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Every_engine_reads_a_DuckDB_file_of_every_type_with_nulls_as_the_same_canonical_values(ParquetPeer engine)
    {
        var file = await EveryTypeFileAsync();

        var read = await ParquetPeers.ReadAsync(engine, file);

        read.Engine.Should().Be(engine.ScriptName());
        read.Columns.Select(c => c.Name).Should().Equal("id", "b", "i8", "i16", "i32", "i64", "f32", "f64", "dec4", "dec18", "dec38", "s", "dt", "ts", "tstz", "bin", "li", "ls");
        read.Rows.Should().Be(4);
        read.Data.Should().BeEquivalentTo(EveryTypeExpected, o => o.WithStrictOrdering());
        read.ListAt(0, "ls").Should().Equal("a", null, "c");
        read.ListAt(2, "li").Should().BeNull();
    }

    [Fact]
    public async Task Each_engine_names_types_in_its_own_words()
    {
        var file = await EveryTypeFileAsync();

        var duckdb = await ParquetPeers.ReadAsync(ParquetPeer.DuckDb, file, ["dec38", "tstz", "li"]);
        var polars = await ParquetPeers.ReadAsync(ParquetPeer.Polars, file, ["dec38", "tstz", "li"]);
        var hyparquet = await ParquetPeers.ReadAsync(ParquetPeer.Hyparquet, file, ["dec38", "tstz", "li"]);

        duckdb.Columns.Select(c => c.Type).Should().Equal("DECIMAL(38,10)", "TIMESTAMP WITH TIME ZONE", "INTEGER[]");
        polars.Columns.Select(c => c.Type).Should().Equal("decimal[38,10]", "datetime[μs, UTC]", "list[i32]");
        hyparquet.Columns.Select(c => c.Type).Should().Equal("FIXED_LEN_BYTE_ARRAY(16) DECIMAL(38,10)", "INT64 TIMESTAMP(MICROS,utc)", "LIST<INT32 INT_32>");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Columns_option_reads_only_those_columns_in_that_order(ParquetPeer engine)
    {
        var file = await EveryTypeFileAsync();

        var read = await ParquetPeers.ReadAsync(engine, file, ["ls", "id"]);

        read.Columns.Select(c => c.Name).Should().Equal("ls", "id");
        read.Column("id").Should().Equal("1", "2", "3", "4");
        read.Column("ls")[0].Should().Be("""["a",null,"c"]""");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Doubles_floats_decimals_dates_and_timestamps_read_by_every_engine_match_ValueFormatter(ParquetPeer engine)
    {
        var (file, expected) = await SeededValuesFileAsync();

        var read = await ParquetPeers.ReadAsync(engine, file);

        read.Columns.Select(c => c.Name).Should().Equal("d", "f", "dec4", "dec18", "dec38", "dt", "ts", "tstz");
        for (var row = 0; row < expected.Length; row++)
            read.Data[row].Should().Equal(expected[row], $"row {row} as {engine} reads it");
    }

    [Fact]
    public async Task Metadata_reports_row_groups_codecs_statistics_and_pages()
    {
        var file = _dir.File("meta.parquet");
        await ParquetPeers.WriteSqlAsync(
            "SELECT i::BIGINT AS id, CASE WHEN i % 10 = 0 THEN NULL ELSE 'v' || (i % 7) END AS s FROM range(10000) t(i)",
            file, new ParquetPeerWriteOptions { Compression = "zstd", RowGroupSize = 4096 });

        var meta = await ParquetPeers.MetadataAsync(file, pages: true);

        meta.NumRows.Should().Be(10000);
        meta.CreatedBy.Should().StartWith("DuckDB");
        meta.RowGroups.Select(g => g.NumRows).Should().Equal(4096, 4096, 1808);
        meta.SchemaElement("id").Should().Match<ParquetPeerSchemaElement>(e => e.Type == "INT64" && e.RepetitionType == "OPTIONAL" && e.DuckdbType == "BIGINT");
        meta.SchemaElement("s").ConvertedType.Should().Be("UTF8");
        var ids = meta.Chunks("id");
        ids.Should().OnlyContain(c => c.Compression == "ZSTD" && c.Type == "INT64");
        ids[0].Should().Match<ParquetPeerColumnChunk>(c => c.StatsMinValue == "0" && c.StatsMaxValue == "4095" && c.StatsNullCount == 0 && c.NumValues == 4096);
        ids[2].StatsMaxValue.Should().Be("9999");
        var strings = meta.RowGroups[0].Column("s");
        strings.StatsNullCount.Should().Be(410);
        strings.StatsMinValue.Should().Be("v0");
        strings.Encodings.Should().Contain("PLAIN_DICTIONARY");
        strings.Pages.Should().NotBeNull();
        strings.Pages![0].Type.Should().Be("DICTIONARY_PAGE");
        strings.Pages[0].NumValues.Should().Be(7);
        strings.Pages.Skip(1).Should().OnlyContain(p => p.Type == "DATA_PAGE" && p.Encoding == "PLAIN_DICTIONARY");
        strings.Pages.Skip(1).Sum(p => p.NumValues).Should().Be(4096);
        meta.RowGroups.SelectMany(g => g.Columns).Should().OnlyContain(c => c.Pages != null && c.Pages.Count > 0);
    }

    [Fact]
    public async Task Metadata_without_pages_leaves_pages_out_and_names_nested_paths_with_dots()
    {
        var file = await EveryTypeFileAsync();

        var meta = await ParquetPeers.MetadataAsync(file);

        meta.RowGroups.Should().ContainSingle();
        meta.RowGroups[0].Columns.Select(c => c.PathInSchema).Should().Contain(["li.list.element", "ls.list.element"]);
        meta.RowGroups[0].Columns.Should().OnlyContain(c => c.Pages == null);
        meta.SchemaElement("dec38").Should().Match<ParquetPeerSchemaElement>(e => e.Type == "FIXED_LEN_BYTE_ARRAY" && e.TypeLength == 16 && e.Precision == 38 && e.Scale == 10);
        meta.SchemaElement("tstz").LogicalType.Should().Contain("isAdjustedToUTC=1");
        meta.SchemaElement("ts").LogicalType.Should().Contain("isAdjustedToUTC=0");
    }

    [Fact]
    public async Task Polars_written_ZSTD_files_are_read_by_DuckDB_and_hyparquet()
    {
        var file = _dir.File("polars-zstd.parquet");
        await ParquetPeers.WriteSqlAsync(EveryTypeSql, file, new ParquetPeerWriteOptions { Compression = "zstd", RowGroupSize = 3 }, ParquetPeer.Polars);

        var meta = await ParquetPeers.MetadataAsync(file);
        var duckdb = await ParquetPeers.ReadAsync(ParquetPeer.DuckDb, file);
        var hyparquet = await ParquetPeers.ReadAsync(ParquetPeer.Hyparquet, file);

        meta.CreatedBy.Should().Be("Polars");
        meta.RowGroups.Select(g => g.NumRows).Should().Equal(3, 1);
        meta.RowGroups.SelectMany(g => g.Columns).Should().OnlyContain(c => c.Compression == "ZSTD");
        meta.RowGroups[0].Column("i64").StatsMinValue.Should().Be("-9223372036854775808", "Polars writes statistics (the script turns them on)");
        duckdb.Data.Should().BeEquivalentTo(EveryTypeExpected, o => o.WithStrictOrdering());
        hyparquet.Data.Should().BeEquivalentTo(EveryTypeExpected, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Hyparquet_writes_data_page_v2_files_that_DuckDB_and_Polars_read()
    {
        var file = _dir.File("v2.parquet");
        await ParquetPeers.WriteSqlAsync(EveryTypeSql, file, new ParquetPeerWriteOptions { PageVersion = 2, Required = ["id"] }, ParquetPeer.Hyparquet);

        var meta = await ParquetPeers.MetadataAsync(file, pages: true);
        var duckdb = await ParquetPeers.ReadAsync(ParquetPeer.DuckDb, file);
        var polars = await ParquetPeers.ReadAsync(ParquetPeer.Polars, file);

        meta.CreatedBy.Should().Be("hyparquet");
        meta.SchemaElement("id").RepetitionType.Should().Be("REQUIRED");
        meta.SchemaElement("b").RepetitionType.Should().Be("OPTIONAL");
        meta.RowGroups.SelectMany(g => g.Columns).SelectMany(c => c.Pages!).Where(p => p.Type != "DICTIONARY_PAGE")
            .Should().NotBeEmpty().And.OnlyContain(p => p.Type == "DATA_PAGE_V2");
        duckdb.Data.Should().BeEquivalentTo(EveryTypeExpected, o => o.WithStrictOrdering());
        polars.Data.Should().BeEquivalentTo(EveryTypeExpected, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task DuckDB_writes_without_dictionaries_and_with_its_V2_encodings_when_asked()
    {
        const string sql = "SELECT i::BIGINT AS id, 'v' || (i % 3) AS s FROM range(5000) t(i)";
        var plain = _dir.File("plain.parquet");
        var v2 = _dir.File("duckdb-v2.parquet");
        await ParquetPeers.WriteSqlAsync(sql, plain, new ParquetPeerWriteOptions { Dictionary = false, Compression = "uncompressed" });
        await ParquetPeers.WriteSqlAsync(sql, v2, new ParquetPeerWriteOptions { ParquetVersion = "V2", Compression = "gzip" });

        var plainMeta = await ParquetPeers.MetadataAsync(plain, pages: true);
        var v2Meta = await ParquetPeers.MetadataAsync(v2, pages: true);

        plainMeta.RowGroups.SelectMany(g => g.Columns).Should().OnlyContain(c => c.Compression == "UNCOMPRESSED" && c.Encodings.SequenceEqual(new[] { "PLAIN" }));
        plainMeta.RowGroups.SelectMany(g => g.Columns).SelectMany(c => c.Pages!).Should().OnlyContain(p => p.Type == "DATA_PAGE");
        v2Meta.RowGroups[0].Column("id").Encodings.Should().Equal("DELTA_BINARY_PACKED");
        v2Meta.RowGroups[0].Column("s").Encodings.Should().Equal("RLE_DICTIONARY");
        v2Meta.RowGroups.SelectMany(g => g.Columns).SelectMany(c => c.Pages!).Should().OnlyContain(p => p.Type == "DATA_PAGE" || p.Type == "DICTIONARY_PAGE",
            "DuckDB's PARQUET_VERSION V2 changes encodings, not page headers");
        (await ParquetPeers.ReadAsync(ParquetPeer.Hyparquet, v2)).Column("s")[4].Should().Be("v1");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task CSV_input_is_typed_by_DuckDB_and_written_by_each_engine(ParquetPeer engine)
    {
        var csv = _dir.WriteFile($"typed-{engine}.csv", "id,price,day,at,note\n1,12.5,2024-02-29,2024-02-29 13:14:15.5+02:00,x\n2,,1969-12-31,1970-01-01T00:00:00Z,\n");
        var file = _dir.File($"csv-{engine}.parquet");
        await ParquetPeers.WriteAsync(engine, csv, file, new ParquetPeerWriteOptions
        {
            Types = new Dictionary<string, string> { ["price"] = "DECIMAL(18,6)", ["at"] = "TIMESTAMPTZ" },
        });

        var read = await ParquetPeers.ReadAsync(ParquetPeer.DuckDb, file);

        read.Columns.Select(c => c.Type).Should().Equal("BIGINT", "DECIMAL(18,6)", "DATE", "TIMESTAMP WITH TIME ZONE", "VARCHAR");
        read.Data.Should().BeEquivalentTo(new string?[][]
        {
            ["1", "12.500000", "2024-02-29", "2024-02-29T11:14:15.5Z", "x"],
            ["2", null, "1969-12-31", "1970-01-01T00:00:00Z", null],
        }, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_corrupt_file_makes_the_engine_exit_1_with_a_one_line_message(ParquetPeer engine)
    {
        var garbage = _dir.WriteFile($"garbage-{engine}.parquet", "PAR1 this is not a parquet file");
        var truncated = _dir.File($"truncated-{engine}.parquet");
        var bytes = await File.ReadAllBytesAsync(await EveryTypeFileAsync());
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length - 20)]);

        foreach (var file in new[] { garbage, truncated })
        {
            var failure = await FluentActions.Awaiting(() => ParquetPeers.ReadAsync(engine, file)).Should().ThrowAsync<ParquetPeerException>();
            failure.Which.ExitCode.Should().Be(1);
            failure.Which.Stderr.Trim().Should().NotBeEmpty().And.NotContain("\n").And.NotContain("    at ", "a message, not a stack trace");
            failure.Which.Message.Should().Contain(failure.Which.Stderr.Trim());
        }
    }

    [Fact]
    public async Task Metadata_of_a_corrupt_file_fails_with_DuckDBs_message()
    {
        var garbage = _dir.WriteFile("garbage-meta.parquet", "not parquet at all");

        var failure = await FluentActions.Awaiting(() => ParquetPeers.MetadataAsync(garbage)).Should().ThrowAsync<ParquetPeerException>();

        failure.Which.ExitCode.Should().Be(1);
        failure.Which.Message.Should().Contain("magic bytes");
    }

    [Fact]
    public async Task An_option_the_engine_cannot_honour_exits_2_and_says_why()
    {
        var file = _dir.File("never.parquet");

        var polars = await FluentActions.Awaiting(() => ParquetPeers.WriteSqlAsync("SELECT 1 AS a", file, new ParquetPeerWriteOptions { Dictionary = false }, ParquetPeer.Polars))
            .Should().ThrowAsync<ParquetPeerException>();
        var duckdb = await FluentActions.Awaiting(() => ParquetPeers.WriteSqlAsync("SELECT 1 AS a", file, new ParquetPeerWriteOptions { PageVersion = 2 }))
            .Should().ThrowAsync<ParquetPeerException>();
        var hyparquet = await FluentActions.Awaiting(() => ParquetPeers.WriteSqlAsync("SELECT 1 AS a", file, new ParquetPeerWriteOptions { Compression = "zstd" }, ParquetPeer.Hyparquet))
            .Should().ThrowAsync<ParquetPeerException>();

        polars.Which.ExitCode.Should().Be(2);
        polars.Which.Message.Should().Contain("cannot turn dictionary encoding off");
        duckdb.Which.ExitCode.Should().Be(2);
        duckdb.Which.Message.Should().Contain("DATA_PAGE_V2");
        hyparquet.Which.ExitCode.Should().Be(2);
        File.Exists(file).Should().BeFalse();
    }

    [Fact]
    public async Task A_failing_query_reports_DuckDBs_error()
    {
        var failure = await FluentActions.Awaiting(() => ParquetPeers.WriteSqlAsync("SELECT no_such_column", _dir.File("bad-sql.parquet")))
            .Should().ThrowAsync<ParquetPeerException>();

        failure.Which.ExitCode.Should().Be(1);
        failure.Which.Message.Should().Contain("no_such_column");
    }

    [Fact]
    [Trait("Category", "LargeFile")]
    public async Task A_million_row_file_reads_through_every_engine()
    {
        var file = _dir.File("million.parquet");
        await ParquetPeers.WriteSqlAsync(
            "SELECT i::BIGINT AS id, (i * 0.25)::DOUBLE AS d, CASE WHEN i % 3 = 0 THEN NULL ELSE 'row ' || i END AS s, [i, NULL] AS li FROM range(1000000) t(i)",
            file);

        foreach (var engine in new[] { ParquetPeer.DuckDb, ParquetPeer.Polars, ParquetPeer.Hyparquet })
        {
            var read = await ParquetPeers.ReadAsync(engine, file, timeout: TimeSpan.FromMinutes(5));
            read.Rows.Should().Be(1_000_000, engine.ToString());
            read.Data[999_999].Should().Equal("999999", "249999.75", null, "[999999,null]");
            read.Data[500_000].Should().Equal("500000", "125000", "row 500000", "[500000,null]");
        }
    }

    public static TheoryData<ParquetPeer> Engines => ParquetPeerNames.All;

    // ---- files ----------------------------------------------------------------------------------------------------

    private Task<string> EveryTypeFileAsync() => _files.OnceAsync("every-type", async dir =>
    {
        var file = dir.File("every-type.parquet");
        await ParquetPeers.WriteSqlAsync(EveryTypeSql, file);
        return file;
    });

    /// <summary>
    /// Seeded random doubles, floats, decimals (INT32, INT64 and FIXED_LEN_BYTE_ARRAY backed), dates and timestamps
    /// written by DuckDB from their ValueFormatter text, with ValueFormatter's text as the expected reading.
    /// </summary>
    private Task<(string File, string?[][] Expected)> SeededValuesFileAsync() => _files.OnceAsync("seeded", MakeSeededValuesFileAsync);

    private static async Task<(string File, string?[][] Expected)> MakeSeededValuesFileAsync(TempDir dir)
    {
        var random = new Random(20240229);
        var values = new List<string>();
        var expected = new List<string?[]>();
        double[] specialDoubles = [0.1, 1e16, 1e17, 1.5e16, 123456789012345678, 1e-4, 1e-5, 0.00012345, 5e-324, -0.0, 1e21,
            double.MaxValue, double.Epsilon, 2.2250738585072014e-308, 1.0 / 3, -1e-300, 100, 9007199254740993, double.NaN,
            double.PositiveInfinity, double.NegativeInfinity];
        for (var i = 0; i < 200; i++)
        {
            var d = i < specialDoubles.Length ? specialDoubles[i] : RandomDouble(random);
            var f = i % 2 == 0 ? RandomFloat(random) : (float)(random.NextDouble() * Math.Pow(10, random.Next(-10, 30)));
            var dec4 = (Int128)random.Next(-9999, 10000);
            var dec18 = (Int128)random.NextInt64(-999_999_999_999_999_999, 1_000_000_000_000_000_000);
            var dec38 = ((Int128)random.NextInt64() * random.NextInt64(1, 1L << 62)) + random.Next();
            var days = random.Next(ValueFormatter.ToEpochDays(DateOnly.MinValue), ValueFormatter.ToEpochDays(DateOnly.MaxValue) + 1);
            var micros = random.NextInt64(ValueFormatter.ToEpochMicros(DateTime.MinValue), ValueFormatter.ToEpochMicros(DateTime.MaxValue) + 1);
            var tz = random.NextInt64(ValueFormatter.ToEpochMicros(new DateTime(1, 1, 2)), ValueFormatter.ToEpochMicros(new DateTime(9999, 12, 31)));
            if (i % 5 == 1)
                micros -= micros % 1_000_000; // whole seconds: no fraction at all
            values.Add(string.Create(CultureInfo.InvariantCulture,
                $"({Sql(Double(d))}::DOUBLE, {Sql(((double)f).ToString("R", CultureInfo.InvariantCulture))}::FLOAT, {Decimal(dec4, 2)}::DECIMAL(4,2), " +
                $"{Decimal(dec18, 6)}::DECIMAL(18,6), {Decimal(dec38, 10)}::DECIMAL(38,10), DATE '1970-01-01' + {days}, make_timestamp({micros}::BIGINT), " +
                $"make_timestamp({tz}::BIGINT)::TIMESTAMPTZ)"));
            expected.Add([Double(d), Double(f), Decimal(dec4, 2), Decimal(dec18, 6), Decimal(dec38, 10), Date(days), Timestamp(micros, false), Timestamp(tz, true)]);
        }
        values.Add("(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        expected.Add([null, null, null, null, null, null, null, null]);
        var file = dir.File("seeded.parquet");
        await ParquetPeers.WriteSqlAsync($"SELECT * FROM (VALUES {string.Join(",\n", values)}) t(d, f, dec4, dec18, dec38, dt, ts, tstz)", file);
        return (file, [.. expected]);

        static string Sql(string text) => "'" + text + "'";
    }

    private static double RandomDouble(Random random)
    {
        double d;
        do
            d = BitConverter.Int64BitsToDouble(random.NextInt64());
        while (!double.IsFinite(d));
        return d;
    }

    private static float RandomFloat(Random random)
    {
        float f;
        do
            f = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
        while (!float.IsFinite(f));
        return f;
    }

    private static string Double(double value) => Format((Span<byte> b, out int n) => ValueFormatter.TryFormatDouble(value, b, out n));

    private static string Decimal(Int128 unscaled, int scale) => Format((Span<byte> b, out int n) => ValueFormatter.TryFormatDecimal(unscaled, scale, b, out n));

    private static string Date(int days) => Format((Span<byte> b, out int n) => ValueFormatter.TryFormatDate(days, b, out n));

    private static string Timestamp(long micros, bool utc) => Format((Span<byte> b, out int n) => ValueFormatter.TryFormatTimestamp(micros, utc, b, out n));

    private delegate bool Formatter(Span<byte> destination, out int written);

    private static string Format(Formatter format)
    {
        Span<byte> buffer = stackalloc byte[64];
        if (!format(buffer, out var written))
            throw new InvalidOperationException("ValueFormatter needs more than 64 bytes.");
        return Encoding.UTF8.GetString(buffer[..written]);
    }
}
