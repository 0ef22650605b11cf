using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Tests.Peers;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>
/// Files our <see cref="ParquetWriter"/> writes, read by DuckDB, Polars and hyparquet: every core type × required,
/// optional and all-null columns × dictionary off / on / forced fallback × every codec, in three row groups of
/// small pages. Every value must come back as the source's canonical text, and each engine must see the type we
/// meant.
/// </summary>
public sealed class OurWriterPeerReadTests(OurFiles files) : IClassFixture<OurFiles>
{
    /// <summary>Every codec we write; the deprecated Hadoop LZ4 is left to its own test below.</summary>
    public static readonly ParquetCompression[] Codecs =
    [
        ParquetCompression.Uncompressed, ParquetCompression.Snappy, ParquetCompression.Gzip, ParquetCompression.Zstd,
        ParquetCompression.Lz4Raw, ParquetCompression.Brotli,
    ];

    public static TheoryData<ParquetCompression, DictionaryMode, ParquetPeer> Matrix()
    {
        var data = new TheoryData<ParquetCompression, DictionaryMode, ParquetPeer>();
        foreach (var codec in Codecs)
        {
            foreach (var mode in Enum.GetValues<DictionaryMode>())
            {
                foreach (var peer in Enum.GetValues<ParquetPeer>())
                    data.Add(codec, mode, peer);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Every_value_of_every_type_reads_back_as_its_canonical_text(ParquetCompression codec, DictionaryMode mode, ParquetPeer peer)
    {
        var file = await files.FileAsync(codec, mode);
        var table = files.Table;

        var read = await ParquetPeers.ReadAsync(peer, file);

        read.Columns.Select(c => c.Name).Should().Equal(table.Schema.Select(f => f.Name));
        Cells.ShouldEqual(read.Data, table.Expected, [.. table.Schema.Select(f => f.Name)], $"{peer} reads our {codec} file with dictionary {mode}");
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task Each_engine_sees_the_type_we_meant(ParquetPeer peer)
    {
        var file = await files.FileAsync(ParquetCompression.Snappy, DictionaryMode.On);

        var read = await ParquetPeers.ReadAsync(peer, file);

        foreach (var column in read.Columns)
        {
            var type = ConformanceTable.TypeOf(column.Name);
            var expected = peer switch
            {
                ParquetPeer.DuckDb => type.DuckDb,
                ParquetPeer.Polars => type.Polars,
                _ => type.Hyparquet,
            };
            column.Type.Should().Be(expected, $"{peer} reads column {column.Name}");
        }
    }

    [Theory]
    [MemberData(nameof(Peers))]
    public async Task A_zero_row_file_reads_as_its_columns_and_no_rows(ParquetPeer peer)
    {
        var file = await files.OnceAsync("zero-rows", async dir =>
        {
            var path = dir.File("zero-rows.parquet");
            await ConformanceTable.Build(0, seed: 1).WriteAsync(path, new ParquetWriteOptions(), batchRows: 100);
            return path;
        });

        var read = await ParquetPeers.ReadAsync(peer, file);

        read.Rows.Should().Be(0);
        read.Columns.Select(c => c.Name).Should().Equal(ConformanceTable.MakeSchema().Select(f => f.Name));
        if (peer == ParquetPeer.DuckDb)
            read.Columns.Select(c => c.Type).Should().Equal(read.Columns.Select(c => ConformanceTable.TypeOf(c.Name).DuckDb));
    }

    [Theory]
    [InlineData(ParquetPeer.Polars, DictionaryMode.On)]
    [InlineData(ParquetPeer.Hyparquet, DictionaryMode.Fallback)]
    public async Task The_deprecated_Hadoop_LZ4_codec_reads_in_Polars_and_hyparquet(ParquetPeer peer, DictionaryMode mode)
    {
        var file = await files.FileAsync(ParquetCompression.Lz4, mode);

        var read = await ParquetPeers.ReadAsync(peer, file);

        Cells.ShouldEqual(read.Data, files.Table.Expected, [.. files.Table.Schema.Select(f => f.Name)], $"{peer} reads our LZ4 (Hadoop) file");
    }

    /// <summary>DuckDB reads LZ4_RAW only and refuses the deprecated LZ4 by name: why the names users can type
    /// (<see cref="ParquetCompressionNames"/>) offer only <c>lz4_raw</c>.</summary>
    [Fact]
    public async Task DuckDB_refuses_the_deprecated_LZ4_codec_by_name()
    {
        var file = await files.FileAsync(ParquetCompression.Lz4, DictionaryMode.On);

        var failure = await FluentActions.Awaiting(() => ParquetPeers.ReadAsync(ParquetPeer.DuckDb, file)).Should().ThrowAsync<ParquetPeerException>();

        failure.Which.Message.Should().Contain("Unsupported compression codec \"LZ4\"");
    }

    public static TheoryData<ParquetPeer> Peers => ParquetPeerNames.All;
}
