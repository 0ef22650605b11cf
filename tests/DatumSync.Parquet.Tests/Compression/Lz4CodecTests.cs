using System.Buffers.Binary;
using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet.Tests.Compression;

public class Lz4CodecTests
{
    private static readonly ICompressionCodec Lz4Raw = Codecs.Get(ParquetCompression.Lz4Raw);
    private static readonly ICompressionCodec Lz4Hadoop = Codecs.Get(ParquetCompression.Lz4);

    [Theory]
    [MemberData(nameof(CompressionData.Shapes), MemberType = typeof(CompressionData))]
    public void The_reference_liblz4_decompresses_the_blocks_we_write(string shape)
    {
        var data = CompressionData.Get(shape);
        var output = new byte[data.Length];
        LibLz4.TryDecompress(RoundTrip.Compress(Lz4Raw, data), output).Should().BeTrue();
        output.Should().Equal(data);
    }

    [Theory]
    [MemberData(nameof(CompressionData.Shapes), MemberType = typeof(CompressionData))]
    public void We_decompress_the_blocks_the_reference_liblz4_writes(string shape)
    {
        var data = CompressionData.Get(shape);
        RoundTrip.Decompress(Lz4Raw, LibLz4.Compress(data), data.Length).Should().Equal(data);
    }

    [Fact]
    public void A_hand_made_block_with_long_literal_and_match_lengths_decodes()
    {
        // Token F F: 15 + 5 = 20 literals; offset 3; match 4 + 15 + 255 + 1 = 275 (overlapping); then 5 literals.
        var literals = Enumerable.Range(0, 20).Select(i => (byte)i).ToArray();
        byte[] block = [0xFF, 5, .. literals, 3, 0, 255, 1, 0x50, 9, 9, 9, 9, 9];
        var expected = new List<byte>(literals);
        for (var i = 0; i < 275; i++)
            expected.Add(expected[^3]);
        expected.AddRange([9, 9, 9, 9, 9]);
        RoundTrip.Decompress(Lz4Raw, block, 300).Should().Equal(expected);
    }

    [Fact]
    public void The_deprecated_codec_reads_Hadoop_frames()
    {
        var first = CompressionData.Get("text 64 KiB");
        var second = CompressionData.Get("int64 ids 1 MiB");
        var framed = Frame(first).Concat(Frame(second)).ToArray();
        RoundTrip.Decompress(Lz4Hadoop, framed, first.Length + second.Length).Should().Equal(first.Concat(second));
    }

    [Fact]
    public void The_deprecated_codec_reads_a_frame_split_into_chunks_as_Hadoops_block_stream_writes()
    {
        var data = CompressionData.Get("text 1 MiB + 1000");
        var cut = 256 << 10;
        var first = LibLz4.Compress(data.AsSpan(0, cut));
        var second = LibLz4.Compress(data.AsSpan(cut));
        var frame = new byte[8 + first.Length + 4 + second.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, data.Length);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), first.Length);
        first.CopyTo(frame, 8);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(8 + first.Length), second.Length);
        second.CopyTo(frame, 12 + first.Length);
        RoundTrip.Decompress(Lz4Hadoop, frame, data.Length).Should().Equal(data);
    }

    [Fact]
    public void The_deprecated_codec_falls_back_to_a_raw_block_as_older_writers_wrote()
    {
        var data = CompressionData.Get("text 64 KiB + 1");
        RoundTrip.Decompress(Lz4Hadoop, LibLz4.Compress(data), data.Length).Should().Equal(data);
    }

    [Fact]
    public void The_deprecated_codec_writes_one_Hadoop_frame()
    {
        var data = CompressionData.Get("text 64 KiB");
        var compressed = RoundTrip.Compress(Lz4Hadoop, data);
        BinaryPrimitives.ReadInt32BigEndian(compressed).Should().Be(data.Length);
        BinaryPrimitives.ReadInt32BigEndian(compressed.AsSpan(4)).Should().Be(compressed.Length - 8);
    }

    [Fact]
    public void Data_that_is_neither_framed_nor_a_block_says_both()
    {
        var act = () => RoundTrip.Decompress(Lz4Hadoop, [0, 0, 0, 9, 0, 0, 0, 1, 0x10], 9);
        act.Should().Throw<InvalidDataException>().WithMessage("LZ4 data *; nor is it Hadoop-framed: *");
    }

    [Theory]
    [InlineData(new byte[0], "*empty*")]
    [InlineData(new byte[] { 0x30, 1, 2 }, "*ends inside a literal run of 3 bytes")]
    [InlineData(new byte[] { 0x10, 1, 0, 0 }, "*has offset 0")]
    [InlineData(new byte[] { 0x10, 1, 2, 0 }, "*offset 2, reaching before*")]
    [InlineData(new byte[] { 0x1F, 1, 1, 0 }, "*ends inside the length of a match")]
    [InlineData(new byte[] { 0xF0, 255, 255, 255 }, "*literal run of at least * bytes runs past*")]
    [InlineData(new byte[] { 0x10, 1, 1 }, "*ends inside a match offset")]
    public void Corrupt_blocks_are_rejected_with_what_is_wrong(byte[] block, string message)
    {
        var act = () => RoundTrip.Decompress(Lz4Raw, block, 100);
        act.Should().Throw<InvalidDataException>().WithMessage("LZ4_RAW data is corrupt: " + message);
    }

    private static byte[] Frame(byte[] data)
    {
        var block = LibLz4.Compress(data);
        var frame = new byte[8 + block.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, data.Length);
        BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), block.Length);
        block.CopyTo(frame, 8);
        return frame;
    }
}
