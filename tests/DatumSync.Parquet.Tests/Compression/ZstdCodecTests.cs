using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet.Tests.Compression;

/// <summary>Checked against the zstd command-line tool (Debian: zstd, which ./test installs).</summary>
public class ZstdCodecTests
{
    private static readonly ICompressionCodec Zstd = Codecs.Get(ParquetCompression.Zstd);

    [Theory]
    [InlineData("empty")]
    [InlineData("one byte")]
    [InlineData("random 300 KiB")]
    [InlineData("text 1 MiB + 1000")]
    public void The_zstd_tool_decompresses_what_we_compress(string shape)
    {
        var data = CompressionData.Get(shape);
        ExternalTool.Run("zstd", "-dcq", RoundTrip.Compress(Zstd, data)).Should().Equal(data);
    }

    [Theory]
    [InlineData("empty", "-cq")]
    [InlineData("one byte", "-cq")]
    [InlineData("random 300 KiB", "-cq --no-check")]
    [InlineData("text 1 MiB + 1000", "-19cq")]
    public void We_decompress_frames_the_zstd_tool_streams_without_a_content_size(string shape, string options)
    {
        // From standard input the tool does not know the size, so its frames do not say it: as Polars' pages at times.
        var data = CompressionData.Get(shape);
        Decompress(ExternalTool.Run("zstd", options, data), data.Length).Should().Equal(data);
    }

    [Fact]
    public void Several_frames_decompress_to_their_concatenation()
    {
        var first = CompressionData.Get("text 64 KiB");
        var second = CompressionData.Get("int64 ids 1 MiB");
        var frames = ExternalTool.Run("zstd", "-cq", first).Concat(RoundTrip.Compress(Zstd, second)).ToArray();
        Decompress(frames, first.Length + second.Length).Should().Equal(first.Concat(second));
    }

    [Fact]
    public void Stray_bytes_after_the_last_frame_are_rejected()
    {
        var data = CompressionData.Get("text 64 KiB");
        var act = () => Decompress([.. RoundTrip.Compress(Zstd, data), 1, 2, 3, 4, 5, 6, 7, 8, 9], data.Length);
        act.Should().Throw<InvalidDataException>().WithMessage("ZSTD data is corrupt: *");
    }

    [Fact]
    public void A_frame_cut_short_is_rejected()
    {
        var data = CompressionData.Get("text 64 KiB");
        var act = () => Decompress(RoundTrip.Compress(Zstd, data)[..^3], data.Length);
        act.Should().Throw<InvalidDataException>().WithMessage("ZSTD data is corrupt: *");
    }

    [Fact]
    public void A_frame_larger_than_the_page_header_says_stops_at_the_page_size()
    {
        var data = CompressionData.Get("text 64 KiB");
        var act = () => Decompress(ExternalTool.Run("zstd", "-cq", data), data.Length - 1);
        act.Should().Throw<InvalidDataException>().WithMessage("ZSTD data decompresses to more than the 65535 bytes the page header says");
    }

    [Fact]
    public void An_empty_page_is_rejected()
    {
        var act = () => Decompress([], 0);
        act.Should().Throw<InvalidDataException>().WithMessage("ZSTD data is corrupt: *empty*");
    }

    private static byte[] Decompress(byte[] compressed, int length) => RoundTrip.Decompress(Zstd, compressed, length);
}
