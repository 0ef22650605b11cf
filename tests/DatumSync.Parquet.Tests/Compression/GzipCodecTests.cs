using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet.Tests.Compression;

/// <summary>GZIP against the gzip tool, and what is particular to GZIP.</summary>
public class GzipCodecTests : ToolCompatibilityTests
{
    private static readonly ICompressionCodec Gzip = Codecs.Get(ParquetCompression.Gzip);

    private protected override ICompressionCodec Codec => Gzip;
    private protected override string Tool => "gzip";
    private protected override string DecompressArguments => "-dc";
    private protected override string[] CompressArguments => ["-c", "-1c", "-9c"];

    [Fact]
    public void A_member_with_a_file_name_and_comment_in_its_header_decompresses()
    {
        // FLG = FNAME | FCOMMENT, then "page\0" and "note\0" before the deflate data.
        var data = CompressionData.Get("short text");
        var plain = RoundTrip.Compress(Gzip, data);
        byte[] named = [.. plain[..3], 0x18, .. plain[4..10], .. "page\0note\0"u8, .. plain[10..]];
        ExternalTool.Run("gzip", "-dc", named).Should().Equal(data);
        Decompress(named, data.Length).Should().Equal(data);
    }

    [Fact]
    public void Empty_input_compresses_to_the_member_gzip_writes_for_an_empty_file()
    {
        var ours = RoundTrip.Compress(Gzip, []);
        var gzip = ExternalTool.Run("gzip", "-cn", []);
        ours.Should().HaveCount(gzip.Length);
        ours[..8].Should().Equal(gzip[..8], "signature, method, flags and (no) time");
        ours[10..].Should().Equal(gzip[10..], "the empty block and the trailer; bytes 8 and 9 name the level and the system");
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
}
