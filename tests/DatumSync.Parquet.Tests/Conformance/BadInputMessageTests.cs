using System.Buffers.Binary;
using DatumSync.Data.Formats;
using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Encodings;
using DatumSync.Parquet.Format;
using DatumSync.Parquet.Thrift;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>
/// What a user reads when a file is broken: every failure is a <see cref="ParquetException"/> whose message names
/// the file and, as far as the damage is located, the row group, column and page, and says what was expected.
/// </summary>
public sealed class BadInputMessageTests(OurFiles files) : IClassFixture<OurFiles>
{
    /// <summary>A fresh copy of a valid file (tests damage it in place).</summary>
    private async Task<byte[]> ValidAsync(ParquetCompression codec = ParquetCompression.Snappy) => (byte[])(await files.OnceAsync($"valid-{codec}", async dir =>
    {
        var path = dir.File($"valid-{codec}.parquet");
        await ConformanceTable.Build(600, seed: 5).WriteAsync(path, new ParquetWriteOptions
        {
            Compression = new ParquetCompressionOptions(codec),
            RowGroupRows = 250,
            PageBytes = 1024,
        }, batchRows: 100);
        return await File.ReadAllBytesAsync(path);
    })).Clone();

    private async Task<ParquetException> FailureAsync(byte[] bytes, string name)
    {
        var path = files.Dir.File(name);
        await File.WriteAllBytesAsync(path, bytes);
        var act = async () =>
        {
            await using var reader = await ParquetReader.OpenAsync(DataSource.FromFile(path));
            while (await reader.ReadNextBatchAsync() is { } batch)
                batch.Dispose();
        };
        return (await act.Should().ThrowAsync<ParquetException>()).Which;
    }

    [Fact]
    public async Task A_file_shorter_than_the_frame_says_how_long_it_is()
    {
        var failure = await FailureAsync("PAR1PAR1"u8.ToArray(), "tiny.parquet");

        failure.Message.Should().EndWith("tiny.parquet: is 8 bytes long; a Parquet file has at least 12 (PAR1, footer length, PAR1)");
    }

    [Fact]
    public async Task A_truncated_file_says_it_is_truncated_or_still_being_written()
    {
        var valid = await ValidAsync();

        var failure = await FailureAsync(valid[..(valid.Length / 2)], "truncated.parquet");

        failure.Message.Should().EndWith("truncated.parquet: does not end with the Parquet magic bytes PAR1: the file is truncated or still being written");
    }

    [Fact]
    public async Task A_file_of_another_format_says_it_is_not_Parquet()
    {
        var failure = await FailureAsync("id,name\n1,a\n2,b\n3,c\n"u8.ToArray(), "csv.parquet");

        failure.Message.Should().EndWith("csv.parquet: does not start with the Parquet magic bytes PAR1: not a Parquet file");
    }

    [Fact]
    public async Task A_footer_length_beyond_the_file_names_both_sizes()
    {
        var bytes = await ValidAsync();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), bytes.Length);

        var failure = await FailureAsync(bytes, "footer-length.parquet");

        failure.Message.Should().EndWith($"footer-length.parquet: claims a footer of {bytes.Length} bytes in a file of {bytes.Length} bytes: the file is truncated or corrupt");
    }

    [Fact]
    public async Task A_corrupt_footer_says_the_footer_is_corrupt_and_why()
    {
        var bytes = await ValidAsync();
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        bytes.AsSpan(bytes.Length - 8 - footerLength, 16).Fill(0xFF);

        var failure = await FailureAsync(bytes, "corrupt-footer.parquet");

        failure.Message.Should().StartWith($"{files.Dir.File("corrupt-footer.parquet")}: has a corrupt footer: ");
        failure.RowGroup.Should().BeNull();
    }

    [Fact]
    public async Task A_page_that_fails_to_decompress_names_file_row_group_column_and_page()
    {
        var bytes = await ValidAsync();
        var page = Pages(bytes, rowGroup: 1, column: "dec38_opt")[1];
        // Garbage in the middle of the compressed bytes: Snappy's copy offsets and lengths no longer fit.
        bytes.AsSpan(page.DataStart + (page.CompressedSize / 3), Math.Min(16, page.CompressedSize / 3)).Fill(0xFF);

        var failure = await FailureAsync(bytes, "bad-page.parquet");

        failure.Message.Should().StartWith($"{files.Dir.File("bad-page.parquet")}, row group 1, column 'dec38_opt', page 1: the page fails to decompress (Snappy, ");
        (failure.RowGroup, failure.ColumnPath, failure.Page).Should().Be((1, "dec38_opt", 1));
    }

    [Theory]
    [InlineData(ParquetCompression.Gzip)]
    [InlineData(ParquetCompression.Zstd)]
    [InlineData(ParquetCompression.Brotli)]
    [InlineData(ParquetCompression.Lz4Raw)]
    public async Task A_page_that_fails_to_decompress_names_its_codec(ParquetCompression codec)
    {
        var bytes = await ValidAsync(codec);
        var page = Pages(bytes, rowGroup: 2, column: "dec38_req")[0];
        bytes.AsSpan(page.DataStart, page.CompressedSize).Fill(0x5A);

        var failure = await FailureAsync(bytes, $"bad-{codec}.parquet");

        failure.Message.Should().Contain($"bad-{codec}.parquet, row group 2, column 'dec38_req', page 0: the page fails to decompress ({codec}, ");
    }

    [Fact]
    public async Task A_page_header_claiming_900_MB_fails_before_anything_is_allocated()
    {
        // Regression: the only bound on a compressed page's size was 1 GB, allocated before decompressing.
        using var file = new ParquetFileBuilder();
        using var data = new ByteBuffer();
        PlainEncoding.EncodeInt64([1, 2, 3], data);
        file.Page(ParquetFileBuilder.DataPage(3, Format.Encoding.Plain), data.WrittenSpan, ParquetCompression.Snappy, h => h.UncompressedPageSize = 900_000_000);
        var chunk = file.Chunk("n", PhysicalType.Int64, ParquetCompression.Snappy, 3, 4, null, [Format.Encoding.Plain]);
        var bytes = file.Finish(new FileMetaData
        {
            Schema = [new SchemaElement { Name = "schema", NumChildren = 1 }, new SchemaElement { Name = "n", Type = PhysicalType.Int64, RepetitionType = Repetition.Required }],
            NumRows = 3,
            RowGroups = [new RowGroup { NumRows = 3, Columns = [chunk] }],
        });

        var before = GC.GetAllocatedBytesForCurrentThread();
        var failure = await FailureAsync(bytes, "huge-page.parquet");

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(16 << 20);
        failure.Message.Should().EndWith("huge-page.parquet, row group 0, column 'n', page 0: the page claims 900000000 uncompressed bytes, more than the 67108864 its column chunk allows");
    }

    [Fact]
    public async Task Regression_a_codec_we_do_not_read_is_a_ParquetException_naming_the_column_not_a_NullReferenceException_on_dispose()
    {
        var bytes = await ValidAsync();
        var footer = Footer(bytes);
        footer.RowGroups[0].Columns[4].MetaData!.Codec = (int)ParquetCompression.Lzo;

        var failure = await FailureAsync(Rewrite(bytes, footer), "lzo.parquet");

        failure.Message.Should().Contain("lzo.parquet, row group 0, column 'i64_opt': Parquet compression LZO is not supported; DatumSync reads and writes UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4_RAW and (deprecated) LZ4");
    }

    [Fact]
    public async Task A_column_chunk_outside_the_file_names_row_group_and_column()
    {
        var bytes = await ValidAsync();
        var footer = Footer(bytes);
        footer.RowGroups[2].Columns[7].MetaData!.TotalCompressedSize = bytes.Length;

        var failure = await FailureAsync(Rewrite(bytes, footer), "outside.parquet");

        failure.Message.Should().Contain("outside.parquet, row group 2, column 'f64_opt': column chunk at offset ").And.Contain("lies outside the file");
    }

    [Fact]
    public async Task A_chunk_with_fewer_values_than_rows_says_how_many_rows_are_missing()
    {
        var bytes = await ValidAsync();
        var footer = Footer(bytes);
        footer.RowGroups[0].NumRows += 5;
        footer.NumRows += 5;

        var failure = await FailureAsync(Rewrite(bytes, footer), "short-chunk.parquet");

        failure.Message.Should().MatchRegex(@"short-chunk\.parquet, row group 0, column 'bool_req', page \d+: the column chunk ends 5 rows early$");
    }

    // ---- locating pages -----------------------------------------------------------------------------------------

    private readonly record struct PageSpan(int HeaderStart, int DataStart, int CompressedSize);

    private static FileMetaData Footer(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return ParquetFooter.Read(stream, "footer");
    }

    /// <summary>The file with its footer replaced.</summary>
    private static byte[] Rewrite(byte[] bytes, FileMetaData footer)
    {
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        using var stream = new MemoryStream();
        stream.Write(bytes, 0, bytes.Length - 8 - footerLength);
        ParquetFooter.Write(stream, footer);
        return stream.ToArray();
    }

    /// <summary>Every page of one column chunk, walked through its headers.</summary>
    private static List<PageSpan> Pages(byte[] bytes, int rowGroup, string column)
    {
        var footer = Footer(bytes);
        var chunk = footer.RowGroups[rowGroup].Columns.Single(c => c.MetaData!.PathInSchema.SequenceEqual([column])).MetaData!;
        var position = (int)(chunk.DictionaryPageOffset ?? chunk.DataPageOffset);
        var end = position + chunk.TotalCompressedSize;
        var pages = new List<PageSpan>();
        Span<short> fieldIds = stackalloc short[64];
        while (position < end)
        {
            var reader = new ThriftCompactReader(bytes.AsSpan(position), fieldIds);
            var header = PageHeader.Read(ref reader);
            var dataStart = position + reader.Position;
            if (header.Type != PageType.DictionaryPage)
                pages.Add(new PageSpan(position, dataStart, header.CompressedPageSize));
            position = dataStart + header.CompressedPageSize;
        }
        return pages;
    }
}
