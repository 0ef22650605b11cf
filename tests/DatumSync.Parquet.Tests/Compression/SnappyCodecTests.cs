using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet.Tests.Compression;

public class SnappyCodecTests
{
    private static readonly ICompressionCodec Snappy = Codecs.Get(ParquetCompression.Snappy);

    [Fact]
    public void A_literal_then_an_overlapping_copy_repeats_the_last_bytes()
    {
        // Length 7; literal "xab" (tag (3-1)<<2); copy with 1-byte offset: length 4, offset 2 (tag 01, offset byte 02).
        byte[] block = [0x07, 0x08, (byte)'x', (byte)'a', (byte)'b', 0x01, 0x02];
        Decompress(block, 7).Should().Equal("xababab"u8.ToArray());
        LibSnappy.Decompress(block).Should().Equal("xababab"u8.ToArray());
    }

    [Fact]
    public void Long_literals_and_copies_with_2_and_4_byte_offsets_decode_as_the_format_describes()
    {
        var literal = Enumerable.Range(0, 61).Select(i => (byte)('A' + i % 26)).ToArray();
        var block = new List<byte> { 130, 1 };          // varint 130 = 0x82 0x01
        block.AddRange([60 << 2, 60]);                   // literal, length - 1 = 60 in one extra byte
        block.AddRange(literal);
        block.AddRange([0xFE, 61, 0]);                   // copy, 2-byte offset 61, length 64 (overlaps itself)
        block.AddRange([0x13, 5, 0, 0, 0]);              // copy, 4-byte offset 5, length 5

        var expected = new List<byte>(literal);
        for (var i = 0; i < 64; i++)
            expected.Add(expected[^61]);
        for (var i = 0; i < 5; i++)
            expected.Add(expected[^5]);

        expected.Should().HaveCount(130);
        Decompress(block.ToArray(), 130).Should().Equal(expected);
        LibSnappy.Decompress(block.ToArray()).Should().Equal(expected);
    }

    [Fact]
    public void A_run_of_one_byte_decodes_from_an_offset_1_copy()
    {
        byte[] block = [100, 0x00, (byte)'z', 0xFE, 1, 0, 0x8A, 1, 0];   // "z", copy 64 at offset 1, copy 35 at offset 1
        Decompress(block, 100).Should().Equal(Enumerable.Repeat((byte)'z', 100));
    }

    [Fact]
    public void Empty_input_compresses_to_the_single_length_byte_0()
    {
        RoundTrip.Compress(Snappy, []).Should().Equal([0]);
    }

    [Theory]
    [MemberData(nameof(CompressionData.Shapes), MemberType = typeof(CompressionData))]
    public void The_reference_libsnappy_decompresses_what_we_compress(string shape)
    {
        var data = CompressionData.Get(shape);
        LibSnappy.Decompress(RoundTrip.Compress(Snappy, data)).Should().Equal(data);
    }

    [Theory]
    [MemberData(nameof(CompressionData.Shapes), MemberType = typeof(CompressionData))]
    public void We_decompress_what_the_reference_libsnappy_compresses(string shape)
    {
        var data = CompressionData.Get(shape);
        Decompress(LibSnappy.Compress(data), data.Length).Should().Equal(data);
    }

    [Theory]
    [InlineData("text 1 MiB + 1000")]
    [InlineData("int64 ids 1 MiB")]
    [InlineData("dictionary indices 256 KiB")]
    [InlineData("mixed random and runs")]
    [InlineData("period 7 pattern with noise")]
    public void The_ratio_is_within_a_few_percent_of_the_reference(string shape)
    {
        var data = CompressionData.Get(shape);
        var ours = RoundTrip.Compress(Snappy, data).Length;
        var reference = LibSnappy.Compress(data).Length;
        ours.Should().BeLessThanOrEqualTo((int)(reference * 1.05), $"libsnappy compresses {shape} to {reference} bytes");
    }

    [Fact]
    public void The_bound_is_the_reference_bound()
    {
        foreach (var length in new[] { 0, 1, 100, 65536, 1 << 20 })
            Snappy.MaxCompressedLength(length).Should().Be(LibSnappy.MaxCompressedLength(length));
    }

    [Fact]
    public void A_length_preamble_that_differs_from_the_page_size_is_rejected_before_decoding()
    {
        var act = () => Decompress([0x05, 0x10, 1, 2, 3, 4, 5], 6);
        act.Should().Throw<InvalidDataException>().WithMessage("SNAPPY data decompresses to 5 bytes, but the page header says 6");
    }

    [Theory]
    [InlineData(new byte[0], "*empty*")]
    [InlineData(new byte[] { 0x80 }, "*uncompressed length*truncated*")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x1F }, "*uncompressed length*over 4 GiB*")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "*uncompressed length*")]
    public void A_missing_or_oversized_length_preamble_is_rejected(byte[] block, string message)
    {
        var act = () => Decompress(block, 10);
        act.Should().Throw<InvalidDataException>().WithMessage(message);
    }

    [Theory]
    [InlineData(new byte[] { 4, 0x01, 0x01 }, "*offset*before the start*")]                   // a copy first
    [InlineData(new byte[] { 6, 0x04, 1, 2, 0x01, 0x00 }, "*has offset 0")]                   // copy with offset 0
    [InlineData(new byte[] { 7, 0x04, 1, 2, 0x05, 3 }, "*offset 3, reaching before*")]        // 3 back after 2 bytes
    [InlineData(new byte[] { 2, 0x08, 1, 2, 3 }, "*literal of 3 bytes*runs past*")]           // literal longer than the block
    [InlineData(new byte[] { 3, 0x08, 1, 2 }, "*ends inside an element*")]                    // literal cut short
    [InlineData(new byte[] { 9, 0x04, 1, 2, 0x1A }, "*ends inside an element*")]              // 2-byte offset cut short
    [InlineData(new byte[] { 9, 0x04, 1, 2, 0x11, 2 }, "*copy of 8 bytes*runs past*")]        // copy longer than the block
    [InlineData(new byte[] { 9, 0xF4, 0xFF, 0xFF, 0xFF, 0xFF }, "*literal*runs past*")]       // 4-byte literal length
    public void Corrupt_elements_are_rejected_with_what_is_wrong(byte[] block, string message)
    {
        var act = () => Decompress(block, block[0]);
        act.Should().Throw<InvalidDataException>().WithMessage("SNAPPY data is corrupt: " + message);
        LibSnappy.TryDecompress(block, new byte[block[0]]).Should().BeFalse("libsnappy rejects it too");
    }

    private static byte[] Decompress(byte[] block, int length) => RoundTrip.Decompress(Snappy, block, length);
}
