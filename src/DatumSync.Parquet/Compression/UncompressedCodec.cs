namespace DatumSync.Parquet.Compression;

/// <summary>UNCOMPRESSED: a copy, with the same size check as every codec.</summary>
internal sealed class UncompressedCodec : ICompressionCodec
{
    public ParquetCompression Codec => ParquetCompression.Uncompressed;

    public int MaxCompressedLength(int length) => length >= 0 ? length : throw new ArgumentOutOfRangeException(nameof(length));

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CompressionErrors.CheckDestination(this, source.Length, destination.Length);
        source.CopyTo(destination);
        return source.Length;
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != destination.Length)
            CompressionErrors.WrongSize(Codec, source.Length, destination.Length);
        source.CopyTo(destination);
    }
}
