using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet.Tests.Compression;

public class CompressionApiTests
{
    [Fact]
    public void Codec_values_are_the_Thrift_CompressionCodec_values()
    {
        int[] values = [(int)ParquetCompression.Uncompressed, (int)ParquetCompression.Snappy, (int)ParquetCompression.Gzip,
            (int)ParquetCompression.Lzo, (int)ParquetCompression.Brotli, (int)ParquetCompression.Lz4, (int)ParquetCompression.Zstd,
            (int)ParquetCompression.Lz4Raw];
        values.Should().Equal(0, 1, 2, 3, 4, 5, 6, 7);
    }

    [Theory]
    [InlineData("snappy", ParquetCompression.Snappy)]
    [InlineData(" SNAPPY ", ParquetCompression.Snappy)]
    [InlineData("gzip", ParquetCompression.Gzip)]
    [InlineData("Zstd", ParquetCompression.Zstd)]
    [InlineData("none", ParquetCompression.Uncompressed)]
    [InlineData("uncompressed", ParquetCompression.Uncompressed)]
    [InlineData("brotli", ParquetCompression.Brotli)]
    [InlineData("lz4_raw", ParquetCompression.Lz4Raw)]
    [InlineData("lz4raw", ParquetCompression.Lz4Raw)]
    public void Codec_names_users_type_are_read_ignoring_case(string text, ParquetCompression expected)
    {
        ParquetCompressionNames.Parse(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("lzo")]
    [InlineData("lz4")]
    [InlineData("")]
    [InlineData("snapy")]
    public void An_unknown_codec_name_lists_the_choices(string text)
    {
        var act = () => ParquetCompressionNames.Parse(text);
        act.Should().Throw<FormatException>().WithMessage($"unknown compression '{text}'; expected one of none, snappy, gzip, zstd, brotli, lz4_raw");
        ParquetCompressionNames.TryParse(text, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("zstd", ParquetCompression.Zstd, null)]
    [InlineData("zstd:9", ParquetCompression.Zstd, 9)]
    [InlineData("gzip: 1", ParquetCompression.Gzip, 1)]
    [InlineData("brotli:11", ParquetCompression.Brotli, 11)]
    public void Options_read_a_codec_and_an_optional_level(string text, ParquetCompression codec, int? level)
    {
        ParquetCompressionOptions.Parse(text).Should().Be(new ParquetCompressionOptions(codec, level));
    }

    [Theory]
    [InlineData("gzip:10", "GZIP compression level must be 0 to 9, got 10")]
    [InlineData("zstd:0", "ZSTD compression level must be 1 to 22, got 0")]
    [InlineData("snappy:1", "SNAPPY has no compression levels; leave the level out")]
    [InlineData("zstd:high", "compression level 'high' is not a whole number")]
    [InlineData("lzo:1", "unknown compression 'lzo'; expected one of *")]
    public void Options_with_a_level_the_codec_lacks_say_what_it_takes(string text, string message)
    {
        var act = () => ParquetCompressionOptions.Parse(text);
        act.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void Options_built_in_code_are_checked_when_a_codec_is_taken_from_them()
    {
        var act = () => Codecs.Get(new ParquetCompressionOptions(ParquetCompression.Brotli, 12));
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("BROTLI compression level must be 0 to 11, got 12*");
    }

    [Fact]
    public void The_default_is_Snappy()
    {
        ParquetCompressionOptions.Default.Codec.Should().Be(ParquetCompression.Snappy);
        Codecs.Get(ParquetCompressionOptions.Default).Codec.Should().Be(ParquetCompression.Snappy);
    }

    [Fact]
    public void LZO_is_refused_with_the_codecs_that_are_supported()
    {
        var act = () => Codecs.Get(ParquetCompression.Lzo);
        act.Should().Throw<NotSupportedException>().WithMessage(
            "Parquet compression LZO is not supported; DatumSync reads and writes UNCOMPRESSED, SNAPPY, GZIP, BROTLI, ZSTD, LZ4_RAW and (deprecated) LZ4");
    }

    [Fact]
    public void A_codec_number_the_format_does_not_define_is_refused()
    {
        var act = () => Codecs.Get((ParquetCompression)42);
        act.Should().Throw<NotSupportedException>().WithMessage("Parquet compression codec 42 is not one the format defines; *");
    }

    [Theory]
    [MemberData(nameof(CorruptionFuzzTests.SupportedCodecs), MemberType = typeof(CorruptionFuzzTests))]
    public void Every_supported_codec_is_found_and_says_which_it_is(ParquetCompression codec)
    {
        Codecs.Get(codec).Codec.Should().Be(codec);
    }

    [Fact]
    public void The_ZSTD_library_is_found_under_its_Debian_soname()
    {
        ZstdLibrary.IsAvailable.Should().BeTrue("./test installs libzstd1");
        ZstdLibrary.MissingMessage.Should().Be("ZSTD needs the system library libzstd.so.1 (Debian: apt install libzstd1)");
    }

    [Theory]
    [InlineData(ParquetCompression.Lz4Raw, "LZ4_RAW")]
    [InlineData(ParquetCompression.Uncompressed, "UNCOMPRESSED")]
    [InlineData((ParquetCompression)9, "9")]
    public void Thrift_names_are_what_messages_about_files_show(ParquetCompression codec, string name)
    {
        ParquetCompressionNames.ThriftName(codec).Should().Be(name);
    }
}
