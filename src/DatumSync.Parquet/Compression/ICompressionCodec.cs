namespace DatumSync.Parquet.Compression;

/// <summary>
/// Compresses and decompresses the bytes of one Parquet page with one codec. Implementations are stateless or keep
/// per-thread state only, so one instance serves every thread (see <see cref="Codecs.Get(ParquetCompression)"/>).
/// </summary>
internal interface ICompressionCodec
{
    /// <summary>The codec this implements.</summary>
    ParquetCompression Codec { get; }

    /// <summary>The most bytes <see cref="Compress"/> can write for <paramref name="length"/> input bytes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bound would not fit an <see cref="int"/>.</exception>
    int MaxCompressedLength(int length);

    /// <summary>Compresses all of <paramref name="source"/> into <paramref name="destination"/>.</summary>
    /// <param name="source">The page bytes.</param>
    /// <param name="destination">At least <see cref="MaxCompressedLength"/> bytes.</param>
    /// <returns>The number of bytes written.</returns>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="MaxCompressedLength"/>.</exception>
    int Compress(ReadOnlySpan<byte> source, Span<byte> destination);

    /// <summary>
    /// Decompresses <paramref name="source"/>, which must decompress to exactly <paramref name="destination"/>'s
    /// length (the uncompressed size in the page header).
    /// </summary>
    /// <remarks>
    /// Input comes from files, so it is untrusted: corrupt input ends in <see cref="InvalidDataException"/> (never an
    /// out-of-range access, an allocation the destination's size does not bound, or a hang). After an exception the
    /// destination holds partial output.
    /// </remarks>
    /// <exception cref="InvalidDataException">The data is corrupt, truncated, followed by stray bytes, or decompresses to a different size.</exception>
    void Decompress(ReadOnlySpan<byte> source, Span<byte> destination);
}
