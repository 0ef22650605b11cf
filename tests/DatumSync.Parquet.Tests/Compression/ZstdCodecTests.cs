using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet.Tests.Compression;

/// <summary>
/// ZSTD against the zstd tool (Debian: zstd, which ./test installs). Reading standard input, the tool does not know
/// the size, so its frames do not state it, as Polars' pages at times do not.
/// </summary>
public class ZstdCodecTests : ToolCompatibilityTests
{
    private static readonly ICompressionCodec Zstd = Codecs.Get(ParquetCompression.Zstd);

    private protected override ICompressionCodec Codec => Zstd;
    private protected override string Tool => "zstd";
    private protected override string DecompressArguments => "-dcq";
    private protected override string[] CompressArguments => ["-cq", "-1cq --no-check", "-19cq"];

    [Fact]
    public void An_empty_page_is_rejected()
    {
        var act = () => Decompress([], 0);
        act.Should().Throw<InvalidDataException>().WithMessage("ZSTD data is corrupt: *empty*");
    }
}
