using DatumSync.Cli.Tests.Harness;
using DatumSync.Parquet.Tests.Peers;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>
/// How our reader maps what DuckDB writes beyond the core types (each documented here by a test), and regression
/// tests for the reader bugs the peer-written files found.
/// </summary>
public sealed class PeerTypeMappingTests(PeerTestFiles files) : IClassFixture<PeerTestFiles>
{
    private TempDir Dir => files.Dir;

    [Fact]
    public async Task Each_DuckDB_type_reads_as_its_documented_core_type()
    {
        var file = Dir.File("types.parquet");
        await ParquetPeers.WriteSqlAsync("""
            SELECT 1::TINYINT AS i8, 1::SMALLINT AS i16, 1::INTEGER AS i32, 1::BIGINT AS i64, 1::UTINYINT AS u8, 1::USMALLINT AS u16,
              1::UINTEGER AS u32, 18446744073709551615::UBIGINT AS u64, 1.5::FLOAT AS f32, 1.5::DOUBLE AS f64, 1.5::DECIMAL(4,1) AS d4,
              1.5::DECIMAL(18,1) AS d18, 1.5::DECIMAL(38,1) AS d38, 'x' AS s, 'x'::BLOB AS bl, DATE '2024-02-29' AS dt, TIME '13:14:15' AS tm,
              TIMESTAMP '2024-02-29 13:14:15' AS ts, TIMESTAMP_S '2024-02-29 13:14:15' AS ts_s, TIMESTAMP_MS '2024-02-29 13:14:15' AS ts_ms,
              TIMESTAMP_NS '2024-02-29 13:14:15' AS ts_ns, TIMESTAMPTZ '2024-02-29 13:14:15+00' AS tstz, uuid() AS u, [1] AS li, ['x'] AS ls,
              {'a': 1, 'b': 'x'} AS st
            """, file);

        var (schema, _, _) = await Cells.ReadOursAsync(file);

        schema.Select(f => $"{f.Name} {f.Type}").Should().Equal(
            "i8 int64", "i16 int64", "i32 int64", "i64 int64", "u8 int64", "u16 int64", "u32 int64", "u64 decimal(20,0)",
            "f32 double", "f64 double", "d4 decimal(4,1)", "d18 decimal(18,1)", "d38 decimal(38,1)", "s string", "bl string", "dt date",
            "tm string", "ts timestamp", "ts_s timestamp", "ts_ms timestamp", "ts_ns timestamp", "tstz timestamptz", "u string",
            "li string", "ls string", "st.a int64", "st.b string");
    }

    [Fact]
    public async Task Types_outside_the_core_read_as_documented_or_are_left_out_with_a_warning()
    {
        var file = Dir.File("other-types.parquet");
        await ParquetPeers.WriteSqlAsync("""
            SELECT * FROM (VALUES
              (170141183460469231731687303715884105727::HUGEINT, INTERVAL 1 DAY, 'b'::ENUM('a', 'b'), MAP {'k': 1, 'l': NULL}, TIMETZ '13:14:15+02',
               '{"a": [1]}'::JSON, [[1, 2], [3]], [{'a': 1, 'b': 'x'}, NULL], [1.5::DOUBLE, 'NaN', '-Infinity', NULL], [DATE '2024-02-29'],
               [12.30::DECIMAL(4,2)], [TIMESTAMPTZ '2024-02-29 13:14:15.5+00'], ['\x00\xFF'::BLOB, 'ok'::BLOB]),
              (NULL, NULL, NULL, NULL, NULL, NULL, NULL, [], NULL, NULL, NULL, NULL, NULL)
            ) t(hi, iv, en, mp, ttz, js, ll, lst, ld, ldt, ldec, lts, lbl)
            """, file);

        var (schema, rows, warnings) = await Cells.ReadOursAsync(file);

        schema.Select(f => $"{f.Name} {f.Type}").Should().Equal(
            "hi double", // DuckDB itself writes HUGEINT as DOUBLE
            "en string", "mp.key_value.key string", "mp.key_value.value string", "ttz string", "js string",
            "lst.a string", "lst.b string", "ld string", "ldt string", "ldec string", "lts string", "lbl string");
        rows[0].Should().Equal(
            "1.7014118346046923E+38",
            "b",
            """["k","l"]""", "[1,null]", // a MAP reads as the lists of its keys and of its values
            "11:14:15", // TIME adjusted to UTC: the UTC time of day, without an offset
            """{"a": [1]}""",
            "[1,null]", """["x",null]""", // the fields of a list of structs, each as a list
            "[1.5,null,null,null]", // JSON has no NaN or infinities: null, as our JSON writer writes them
            """["2024-02-29"]""", "[12.30]", """["2024-02-29T13:14:15.5Z"]""",
            """["AP8=","ok"]"""); // binary items: text when valid UTF-8, else base64
        rows[1].Should().Equal(null, null, null, null, null, null, "[]", "[]", null, null, null, null, null);
        warnings.Should().BeEquivalentTo(
            "column left out: column 'iv' is an INTERVAL, which DatumSync does not read",
            "column left out: column 'll' nests lists 2 deep; only flat columns and lists of primitive values are read");
    }

    [Fact]
    public async Task Regression_the_fields_of_a_list_of_structs_are_named_list_dot_field_not_list_and_list_2()
    {
        // Every leaf under a LIST was named after the list, so a list of two-field structs read as "lst" and "lst_2".
        var file = Dir.File("list-of-structs.parquet");
        await ParquetPeers.WriteSqlAsync("SELECT [{'a': 1, 'b': 'x'}, NULL, {'a': NULL, 'b': 'y'}] AS lst, [{'c': 2}] AS one", file);

        var (schema, rows, _) = await Cells.ReadOursAsync(file);

        schema.Select(f => f.Name).Should().Equal("lst.a", "lst.b", "one.c");
        rows[0].Should().Equal("[1,null,null]", """["x",null,"y"]""", "[2]");
    }

    [Fact]
    public async Task Regression_a_null_value_in_a_map_is_kept_not_dropped_as_if_the_map_had_no_entry()
    {
        // Below a repeated group that is not a LIST (a MAP's key_value), an optional leaf's "no entry" level was
        // taken as its own maximum minus one, so a null value read as no entry at all: {k:1, l:NULL, m:3} gave [1,3].
        var file = Dir.File("map-nulls.parquet");
        await ParquetPeers.WriteSqlAsync(
            "SELECT * FROM (VALUES (1, MAP {'k': 1, 'l': NULL, 'm': 3}), (2, MAP {}), (3, NULL), (4, MAP {'n': NULL})) t(id, mp)", file);

        var (_, rows, _) = await Cells.ReadOursAsync(file);

        rows.Select(r => r[1]).Should().Equal("""["k","l","m"]""", "[]", null, """["n"]""");
        rows.Select(r => r[2]).Should().Equal("[1,null,3]", "[]", null, "[null]");
    }

    [Fact]
    public async Task Regression_the_nanosecond_truncation_warning_survives_the_end_of_the_file()
    {
        // The count lived in the row group's chunk readers, which are gone once the last row group is read: the
        // warning vanished exactly when the CLI asks for it.
        var file = Dir.File("nanos.parquet");
        await ParquetPeers.WriteSqlAsync(
            "SELECT make_timestamp_ns(1709212455123456000 + i * 1000 + (i % 3)) AS ts FROM range(5000) t(i)", file, new ParquetPeerWriteOptions { RowGroupSize = 2048 });

        var (_, rows, warnings) = await Cells.ReadOursAsync(file);

        rows[0][0].Should().Be("2024-02-29T13:14:15.123456");
        rows[4999][0].Should().Be("2024-02-29T13:14:15.128455");
        warnings.Should().Equal("3333 nanosecond timestamps had sub-microsecond digits, dropped (DatumSync holds microseconds)");
    }

    [Theory]
    [InlineData("DATE '-0044-03-15'", "a DATE value (-735525 days from 1970-01-01) is outside the dates DatumSync holds, 0001-01-01 to 9999-12-31")]
    [InlineData("'infinity'::DATE", "a DATE value (2147483647 days from 1970-01-01) is outside the dates DatumSync holds*")]
    [InlineData("TIMESTAMP '-0044-03-15 12:00:00'", "a TIMESTAMP value (-63549316800000000 µs from 1970-01-01) is outside the timestamps DatumSync holds*")]
    [InlineData("TIMESTAMP '10000-01-01 00:00:00'", "a TIMESTAMP value (253402300800000000 µs from 1970-01-01) is outside*")]
    [InlineData("TIMESTAMP_MS '-0001-01-01 00:00:00'", "a TIMESTAMP value (-62198755200000 ms from 1970-01-01) is outside*")]
    [InlineData("[DATE '-0001-01-01']", "a DATE value (-719893 days from 1970-01-01) is outside*")]
    public async Task Regression_dates_and_timestamps_outside_years_1_to_9999_fail_naming_the_column_instead_of_an_ArgumentOutOfRangeException(string value, string message)
    {
        // DuckDB writes years before 1 and 'infinity'; the reader handed them on, and formatting them threw
        // ArgumentOutOfRangeException far from the file.
        var file = Dir.File($"range-{Math.Abs(value.GetHashCode(StringComparison.Ordinal))}.parquet");
        await ParquetPeers.WriteSqlAsync($"SELECT 1 AS id, {value} AS v", file);

        var failure = await FluentActions.Awaiting(() => Cells.ReadOursAsync(file)).Should().ThrowAsync<ParquetException>();

        failure.Which.Message.Should().Match($"{file}, row group 0, column 'v', page 0: {message}");
    }
}
