using DatumSync.Parquet.Compression;

namespace DatumSync.Parquet.Tests.Compression;

public class CodecRoundTripTests
{
    public static TheoryData<ParquetCompression, string> CodecsAndShapes()
    {
        var rows = new TheoryData<ParquetCompression, string>();
        foreach (var codec in RoundTrip.Supported)
        {
            foreach (var name in CompressionData.Names)
                rows.Add(codec, name);
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(CodecsAndShapes))]
    public void Every_codec_decompresses_what_it_compressed(ParquetCompression codec, string shape)
    {
        var data = CompressionData.Get(shape);
        var compressed = RoundTrip.Compress(Codecs.Get(codec), data);
        RoundTrip.Decompress(Codecs.Get(codec), compressed, data.Length).Should().Equal(data);
    }

    [Theory]
    [InlineData(ParquetCompression.Zstd, 1)]
    [InlineData(ParquetCompression.Zstd, 19)]
    [InlineData(ParquetCompression.Gzip, 0)]
    [InlineData(ParquetCompression.Gzip, 1)]
    [InlineData(ParquetCompression.Gzip, 9)]
    [InlineData(ParquetCompression.Brotli, 0)]
    [InlineData(ParquetCompression.Brotli, 11)]
    public void Levels_other_than_the_default_round_trip(ParquetCompression codec, int level)
    {
        var data = CompressionData.Get("text 64 KiB + 1");
        var compressor = Codecs.Get(new ParquetCompressionOptions(codec, level));
        var compressed = RoundTrip.Compress(compressor, data);
        RoundTrip.Decompress(Codecs.Get(codec), compressed, data.Length).Should().Equal(data);
    }

    [Theory]
    [MemberData(nameof(SupportedCodecs))]
    public void Compressible_text_gets_smaller(ParquetCompression codec)
    {
        var data = CompressionData.Get("text 1 MiB + 1000");
        var compressed = RoundTrip.Compress(Codecs.Get(codec), data);
        if (codec != ParquetCompression.Uncompressed)
            compressed.Length.Should().BeLessThan(data.Length / 2);
    }

    [Theory]
    [MemberData(nameof(SupportedCodecs))]
    public void Incompressible_data_stays_within_the_bound(ParquetCompression codec)
    {
        var data = CompressionData.Get("random 300 KiB");
        var compressor = Codecs.Get(codec);
        RoundTrip.Compress(compressor, data).Length.Should().BeLessThanOrEqualTo(compressor.MaxCompressedLength(data.Length));
    }

    [Theory]
    [MemberData(nameof(SupportedCodecs))]
    public void Data_that_decompresses_to_another_size_than_the_page_header_says_is_rejected(ParquetCompression codec)
    {
        var data = CompressionData.Get("text 64 KiB");
        var compressed = RoundTrip.Compress(Codecs.Get(codec), data);
        var tooShort = () => Codecs.Get(codec).Decompress(compressed, new byte[data.Length - 1]);
        var tooLong = () => Codecs.Get(codec).Decompress(compressed, new byte[data.Length + 1]);
        tooShort.Should().Throw<InvalidDataException>().WithMessage($"{ParquetCompressionNames.ThriftName(codec)} data *");
        tooLong.Should().Throw<InvalidDataException>().WithMessage($"{ParquetCompressionNames.ThriftName(codec)} data *");
    }

    [Theory]
    [MemberData(nameof(SupportedCodecs))]
    public void A_destination_shorter_than_the_bound_is_refused_before_writing(ParquetCompression codec)
    {
        var compressor = Codecs.Get(codec);
        var data = CompressionData.Get("short text");
        var act = () => compressor.Compress(data, new byte[compressor.MaxCompressedLength(data.Length) - 1]);
        act.Should().Throw<ArgumentException>().WithMessage("*MaxCompressedLength*");
    }

    [Theory]
    [MemberData(nameof(SupportedCodecs))]
    public void One_codec_instance_serves_many_threads(ParquetCompression codec)
    {
        var compressor = Codecs.Get(codec);
        Parallel.For(0, 16, i =>
        {
            var data = CompressionData.Text(50_000 + i * 1000, i);
            RoundTrip.Decompress(compressor, RoundTrip.Compress(compressor, data), data.Length).Should().Equal(data);
        });
    }

    public static TheoryData<ParquetCompression> SupportedCodecs() => new(RoundTrip.Supported);
}

/// <summary>Compress and decompress through the codec interface, with the buffers a reader and writer would use.</summary>
internal static class RoundTrip
{
    public static readonly ParquetCompression[] Supported =
    [
        ParquetCompression.Uncompressed, ParquetCompression.Snappy, ParquetCompression.Gzip, ParquetCompression.Brotli,
        ParquetCompression.Lz4, ParquetCompression.Zstd, ParquetCompression.Lz4Raw,
    ];

    public static byte[] Compress(ICompressionCodec codec, ReadOnlySpan<byte> data)
    {
        var buffer = new byte[codec.MaxCompressedLength(data.Length)];
        var written = codec.Compress(data, buffer);
        return buffer.AsSpan(0, written).ToArray();
    }

    public static byte[] Decompress(ICompressionCodec codec, ReadOnlySpan<byte> compressed, int length)
    {
        var output = new byte[length];
        codec.Decompress(compressed, output);
        return output;
    }
}
