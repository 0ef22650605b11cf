using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet.Tests.Compression;

public class GzipCodecTests
{
    private static readonly ICompressionCodec Gzip = Codecs.Get(ParquetCompression.Gzip);

    [Theory]
    [InlineData("empty")]
    [InlineData("one byte")]
    [InlineData("random 300 KiB")]
    [InlineData("text 1 MiB + 1000")]
    public void Gunzip_decompresses_what_we_compress(string shape)
    {
        var data = CompressionData.Get(shape);
        ExternalTool.Run("gzip", "-dc", RoundTrip.Compress(Gzip, data)).Should().Equal(data);
    }

    [Theory]
    [InlineData("empty", "-c")]
    [InlineData("one byte", "-1c")]
    [InlineData("random 300 KiB", "-c")]
    [InlineData("text 1 MiB + 1000", "-9c")]
    public void We_decompress_what_gzip_compresses(string shape, string options)
    {
        var data = CompressionData.Get(shape);
        Decompress(ExternalTool.Run("gzip", options, data), data.Length).Should().Equal(data);
    }

    [Fact]
    public void A_member_with_a_file_name_and_comment_in_its_header_decompresses()
    {
        // FLG = FNAME | FCOMMENT, then "page\0" and "note\0" before the deflate data.
        var data = CompressionData.Get("short text");
        var plain = RoundTrip.Compress(Gzip, data);
        var named = plain[..3].Concat(new byte[] { 0x18 }).Concat(plain[4..10]).Concat("page\0note\0"u8.ToArray()).Concat(plain[10..]).ToArray();
        ExternalTool.Run("gzip", "-dc", named).Should().Equal(data);
        Decompress(named, data.Length).Should().Equal(data);
    }

    [Fact]
    public void Several_members_decompress_to_their_concatenation()
    {
        var first = CompressionData.Get("text 64 KiB");
        var second = CompressionData.Get("random 1 KiB");
        var members = ExternalTool.Run("gzip", "-c", first).Concat(RoundTrip.Compress(Gzip, second)).ToArray();
        Decompress(members, first.Length + second.Length).Should().Equal(first.Concat(second));
    }

    [Fact]
    public void Empty_input_compresses_to_the_member_gzip_writes_for_an_empty_file()
    {
        var ours = RoundTrip.Compress(Gzip, []);
        ours.Should().HaveCount(20);
        ExternalTool.Run("gzip", "-dc", ours).Should().BeEmpty();
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 })]
    [InlineData(new byte[] { 0x1F, 0x8B })]
    public void Stray_bytes_after_the_last_member_are_rejected(byte[] stray)
    {
        var data = CompressionData.Get("text 64 KiB");
        var act = () => Decompress(RoundTrip.Compress(Gzip, data).Concat(stray).ToArray(), data.Length);
        act.Should().Throw<InvalidDataException>().WithMessage("GZIP data is corrupt: *");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(100)]
    public void A_member_cut_short_is_rejected_even_when_only_the_trailer_is_missing(int cut)
    {
        var data = CompressionData.Get("text 64 KiB");
        var compressed = RoundTrip.Compress(Gzip, data);
        var act = () => Decompress(compressed[..^cut], data.Length);
        act.Should().Throw<InvalidDataException>().WithMessage("GZIP data *");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(100)]
    public void A_page_shorter_than_its_header_says_is_told_apart_from_stray_bytes(int missing)
    {
        var data = CompressionData.Get("text 64 KiB");
        var act = () => Decompress(RoundTrip.Compress(Gzip, data), data.Length + missing);
        act.Should().Throw<InvalidDataException>().WithMessage($"GZIP data decompresses to 65536 bytes, but the page header says {65536 + missing}");
    }

    [Fact]
    public void A_page_longer_than_its_header_says_stops_at_the_page_size()
    {
        var data = CompressionData.Get("text 64 KiB");
        var act = () => Decompress(RoundTrip.Compress(Gzip, data), data.Length - 3);
        act.Should().Throw<InvalidDataException>().WithMessage("GZIP data decompresses to more than the 65533 bytes the page header says");
    }

    [Fact]
    public void A_wrong_checksum_in_the_trailer_is_rejected()
    {
        var data = CompressionData.Get("text 64 KiB");
        var compressed = RoundTrip.Compress(Gzip, data);
        compressed[^8] ^= 1;
        var act = () => Decompress(compressed, data.Length);
        act.Should().Throw<InvalidDataException>().WithMessage("GZIP data is corrupt: *");
    }

    [Fact]
    public void Zlib_or_raw_deflate_data_is_rejected_with_the_signature_it_lacks()
    {
        var act = () => Decompress([0x78, 0x9C, .. new byte[30]], 10);
        act.Should().Throw<InvalidDataException>().WithMessage("*starts with 78 9C, not the GZIP signature 1F 8B");
    }

    private static byte[] Decompress(byte[] compressed, int length) => RoundTrip.Decompress(Gzip, compressed, length);
}
