using DatumSync.Parquet.Tests.Peers;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>
/// Files written by DuckDB, Polars and hyparquet-writer (every DuckDB type, nulls, edge values, every codec,
/// dictionaries, DuckDB's V2 encodings, hyparquet's DATA_PAGE_V2 pages with per-column encodings, several row
/// groups and small pages), read by our <see cref="ParquetReader"/> and compared value by value with DuckDB's
/// reading of the same file, through the mapping <see cref="DuckDbOracle"/> documents.
/// </summary>
public sealed class PeerWriterOurReaderTests(PeerTestFiles files) : IClassFixture<PeerTestFiles>
{
    /// <summary>One peer-written file of the matrix: who writes it and how, and what its footer must show so the
    /// case really covers what it claims.</summary>
    /// <param name="Oracle">When DuckDB cannot read the file itself (BYTE_STREAM_SPLIT on integers and
    /// FIXED_LEN_BYTE_ARRAY), the options of a sibling file with the same values that DuckDB reads instead.</param>
    public sealed record Case(string Name, ParquetPeer Writer, ParquetPeerWriteOptions Options, string Codec, string[] Encodings, string PageType,
        ParquetPeerWriteOptions? Oracle = null)
    {
        public override string ToString() => Name;
    }

    private static readonly Dictionary<string, string> HyparquetEncodingsA = new()
    {
        ["i32"] = "DELTA_BINARY_PACKED", ["i64"] = "DELTA_BINARY_PACKED", ["dt"] = "DELTA_BINARY_PACKED", ["s"] = "DELTA_BYTE_ARRAY",
        ["lowcard"] = "RLE_DICTIONARY", ["f32"] = "BYTE_STREAM_SPLIT", ["f64"] = "BYTE_STREAM_SPLIT", ["b"] = "RLE", ["ls"] = "DELTA_LENGTH_BYTE_ARRAY",
    };

    private static readonly Dictionary<string, string> HyparquetEncodingsB = new()
    {
        ["id"] = "DELTA_BINARY_PACKED", ["ts"] = "DELTA_BINARY_PACKED", ["dec18"] = "DELTA_BINARY_PACKED", ["bl"] = "DELTA_LENGTH_BYTE_ARRAY",
        ["s"] = "PLAIN", ["lowcard"] = "DELTA_BYTE_ARRAY", ["li"] = "DELTA_BINARY_PACKED",
    };

    // BYTE_STREAM_SPLIT on INT32, INT64 and FIXED_LEN_BYTE_ARRAY (parquet-format 2.11): DuckDB reads it only on
    // FLOAT and DOUBLE, so the oracle reads the same values PLAIN.
    private static readonly Dictionary<string, string> HyparquetByteStreamSplit = new()
    {
        ["dec9"] = "BYTE_STREAM_SPLIT", ["dec18"] = "BYTE_STREAM_SPLIT", ["dec38"] = "BYTE_STREAM_SPLIT", ["i32"] = "BYTE_STREAM_SPLIT",
        ["i64"] = "BYTE_STREAM_SPLIT", ["dt"] = "BYTE_STREAM_SPLIT", ["ts"] = "BYTE_STREAM_SPLIT", ["u"] = "BYTE_STREAM_SPLIT", ["f64"] = "BYTE_STREAM_SPLIT",
    };

    public static readonly Case[] Cases =
    [
        new("duckdb-snappy", ParquetPeer.DuckDb, new() { RowGroupSize = 2048 }, "SNAPPY", ["PLAIN", "PLAIN_DICTIONARY"], "DATA_PAGE"),
        new("duckdb-uncompressed-plain", ParquetPeer.DuckDb, new() { RowGroupSize = 2048, Compression = "uncompressed", Dictionary = false }, "UNCOMPRESSED", ["PLAIN"], "DATA_PAGE"),
        new("duckdb-gzip", ParquetPeer.DuckDb, new() { RowGroupSize = 2048, Compression = "gzip" }, "GZIP", ["PLAIN_DICTIONARY"], "DATA_PAGE"),
        new("duckdb-zstd", ParquetPeer.DuckDb, new() { RowGroupSize = 2048, Compression = "zstd", CompressionLevel = 9 }, "ZSTD", ["PLAIN_DICTIONARY"], "DATA_PAGE"),
        new("duckdb-brotli", ParquetPeer.DuckDb, new() { RowGroupSize = 2048, Compression = "brotli" }, "BROTLI", ["PLAIN_DICTIONARY"], "DATA_PAGE"),
        new("duckdb-lz4raw", ParquetPeer.DuckDb, new() { RowGroupSize = 2048, Compression = "lz4" }, "LZ4_RAW", ["PLAIN_DICTIONARY"], "DATA_PAGE"),
        new("duckdb-v2-encodings", ParquetPeer.DuckDb, new() { RowGroupSize = 2048, Compression = "zstd", ParquetVersion = "V2" }, "ZSTD",
            ["DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "BYTE_STREAM_SPLIT", "RLE_DICTIONARY"], "DATA_PAGE"),
        new("polars-zstd", ParquetPeer.Polars, new() { Compression = "zstd", RowGroupSize = 2048 }, "ZSTD", ["RLE_DICTIONARY", "PLAIN"], "DATA_PAGE"),
        new("polars-lz4-small-pages", ParquetPeer.Polars, new() { Compression = "lz4", RowGroupSize = 2500, PageSize = 4096 }, "LZ4_RAW", ["RLE_DICTIONARY", "PLAIN"], "DATA_PAGE"),
        new("polars-snappy", ParquetPeer.Polars, new() { Compression = "snappy", RowGroupSize = 1000 }, "SNAPPY", ["RLE_DICTIONARY", "PLAIN"], "DATA_PAGE"),
        new("hyparquet-snappy-v2", ParquetPeer.Hyparquet, new() { RowGroupSize = 2000, PageSize = 4096, Required = ["id"], Encodings = HyparquetEncodingsA }, "SNAPPY",
            ["DELTA_BINARY_PACKED", "DELTA_BYTE_ARRAY", "DELTA_LENGTH_BYTE_ARRAY", "BYTE_STREAM_SPLIT", "RLE_DICTIONARY", "RLE"], "DATA_PAGE_V2"),
        new("hyparquet-uncompressed-v2", ParquetPeer.Hyparquet, new() { Compression = "uncompressed", RowGroupSize = 3000, Required = ["id"], Encodings = HyparquetEncodingsB }, "UNCOMPRESSED",
            ["DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY"], "DATA_PAGE_V2"),
        new("hyparquet-byte-stream-split-v2", ParquetPeer.Hyparquet, new() { RowGroupSize = 2500, Encodings = HyparquetByteStreamSplit }, "SNAPPY",
            ["BYTE_STREAM_SPLIT"], "DATA_PAGE_V2", Oracle: new() { RowGroupSize = 2500 }),
        new("hyparquet-gzip-v2", ParquetPeer.Hyparquet, new() { Compression = "gzip", Dictionary = false }, "GZIP", ["PLAIN"], "DATA_PAGE_V2"),
        new("hyparquet-brotli-v2", ParquetPeer.Hyparquet, new() { Compression = "brotli", RowGroupSize = 1500, Encodings = HyparquetEncodingsA }, "BROTLI",
            ["DELTA_BINARY_PACKED", "BYTE_STREAM_SPLIT"], "DATA_PAGE_V2"),
    ];

    public static TheoryData<Case> Matrix() => [.. Cases];

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_value_reads_as_DuckDB_reads_it(Case @case)
    {
        var (file, duckdb) = await FileAsync(@case);
        var meta = await ParquetPeers.MetadataAsync(file, pages: true);

        var (schema, rows, warnings) = await Cells.ReadOursAsync(file, batchRows: 700);

        // The file is what the case says it is.
        var chunks = meta.RowGroups.SelectMany(g => g.Columns).ToList();
        chunks.Should().OnlyContain(c => c.Compression == @case.Codec);
        chunks.SelectMany(c => c.Encodings).Distinct().Should().Contain(@case.Encodings);
        chunks.SelectMany(c => c.Pages!).Where(p => p.Type != "DICTIONARY_PAGE").Should().OnlyContain(p => p.Type == @case.PageType);
        meta.RowGroups.Count.Should().BeGreaterThan(1);
        // Our reader agrees with DuckDB on the schema and on every value.
        var expectedSchema = DuckDbOracle.ExpectedSchema(duckdb, @case.Options.Required);
        schema.Select(f => $"{f.Name} {f.Type}{(f.Nullable ? "?" : "")}").Should().Equal(expectedSchema.Select(f => $"{f.Name} {f.Type}{(f.Nullable ? "?" : "")}"));
        rows.Should().HaveCount(PeerSql.Rows);
        Cells.ShouldEqual(DuckDbOracle.NormalizeLists(rows, expectedSchema, duckdb), DuckDbOracle.ExpectedRows(duckdb),
            [.. expectedSchema.Select(f => f.Name)], $"our reader reads {@case.Name} as DuckDB does");
        warnings.Should().ContainSingle().Which.Should().Match("* nanosecond timestamps had sub-microsecond digits, dropped*");
    }

    private Task<(string File, ParquetPeerReadResult DuckDb)> FileAsync(Case @case) => files.OnceAsync(@case.Name, async dir =>
    {
        var file = dir.File(@case.Name + ".parquet");
        await ParquetPeers.WriteSqlAsync(PeerSql.EveryType, file, @case.Options, @case.Writer);
        var oracle = file;
        if (@case.Oracle is { } options)
        {
            oracle = dir.File(@case.Name + "-oracle.parquet");
            await ParquetPeers.WriteSqlAsync(PeerSql.EveryType, oracle, options, @case.Writer);
        }
        return (file, await ParquetPeers.ReadAsync(ParquetPeer.DuckDb, oracle));
    });
}
