using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet.Tests.Compression;

/// <summary>
/// One suite for each codec that has a command-line tool (gzip, zstd): the tool reads what we write, we read what
/// it writes at several levels, several members or frames concatenate, and damaged ends are rejected.
/// </summary>
public abstract class ToolCompatibilityTests
{
    private protected abstract ICompressionCodec Codec { get; }

    /// <summary>The tool's name on the PATH.</summary>
    private protected abstract string Tool { get; }

    /// <summary>The tool's arguments to decompress standard input to standard output.</summary>
    private protected abstract string DecompressArguments { get; }

    /// <summary>The tool's arguments to compress standard input to standard output, one per level or option worth covering.</summary>
    private protected abstract string[] CompressArguments { get; }

    public static TheoryData<string> Shapes() => new("empty", "one byte", "random 300 KiB", "text 1 MiB + 1000");

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_tool_decompresses_what_we_compress(string shape)
    {
        var data = CompressionData.Get(shape);
        ExternalTool.Run(Tool, DecompressArguments, RoundTrip.Compress(Codec, data)).Should().Equal(data);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void We_decompress_what_the_tool_compresses(string shape)
    {
        var data = CompressionData.Get(shape);
        foreach (var arguments in CompressArguments)
            Decompress(ExternalTool.Run(Tool, arguments, data), data.Length).Should().Equal(data, $"{Tool} {arguments}");
    }

    [Fact]
    public void Several_members_or_frames_decompress_to_their_concatenation()
    {
        var first = CompressionData.Get("text 64 KiB");
        var second = CompressionData.Get("int64 ids 1 MiB");
        var parts = ExternalTool.Run(Tool, CompressArguments[0], first).Concat(RoundTrip.Compress(Codec, second)).ToArray();
        Decompress(parts, first.Length + second.Length).Should().Equal(first.Concat(second));
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21 })]
    [InlineData(new byte[] { 0x1F, 0x8B })]
    [InlineData(new byte[] { 0x28, 0xB5, 0x2F, 0xFD })]
    public void Stray_bytes_after_the_end_are_rejected(byte[] stray)
    {
        var data = CompressionData.Get("text 64 KiB");
        var act = () => Decompress([.. RoundTrip.Compress(Codec, data), .. stray], data.Length);
        act.Should().Throw<InvalidDataException>().WithMessage($"{ParquetCompressionNames.ThriftName(Codec.Codec)} data is corrupt: *");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(100)]
    public void Data_cut_short_is_rejected_even_when_only_the_trailer_is_missing(int cut)
    {
        var data = CompressionData.Get("text 64 KiB");
        var compressed = ExternalTool.Run(Tool, CompressArguments[0], data);
        var act = () => Decompress(compressed[..^cut], data.Length);
        act.Should().Throw<InvalidDataException>().WithMessage($"{ParquetCompressionNames.ThriftName(Codec.Codec)} data *");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(100)]
    public void Data_shorter_than_the_page_header_says_is_rejected_with_its_size(int missing)
    {
        var data = CompressionData.Get("text 64 KiB");
        var act = () => Decompress(RoundTrip.Compress(Codec, data), data.Length + missing);
        act.Should().Throw<InvalidDataException>().WithMessage(
            $"{ParquetCompressionNames.ThriftName(Codec.Codec)} data decompresses to 65536 bytes, but the page header says {65536 + missing}");
    }

    [Fact]
    public void Data_longer_than_the_page_header_says_stops_at_the_page_size()
    {
        var data = CompressionData.Get("text 64 KiB");
        var act = () => Decompress(ExternalTool.Run(Tool, CompressArguments[0], data), data.Length - 3);
        act.Should().Throw<InvalidDataException>().WithMessage(
            $"{ParquetCompressionNames.ThriftName(Codec.Codec)} data decompresses to more than the 65533 bytes the page header says");
    }

    private protected byte[] Decompress(byte[] compressed, int length) => RoundTrip.Decompress(Codec, compressed, length);
}
