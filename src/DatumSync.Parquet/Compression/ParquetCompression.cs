namespace DatumSync.Parquet.Compression;

/// <summary>
/// How the bytes of a Parquet page are compressed: the values of the Thrift enum <c>CompressionCodec</c>
/// in the Parquet format, so a value read from a file's footer casts to this type unchanged.
/// </summary>
public enum ParquetCompression
{
    /// <summary>No compression.</summary>
    Uncompressed = 0,

    /// <summary>Raw Snappy blocks (not the Snappy framing format).</summary>
    Snappy = 1,

    /// <summary>GZIP members (RFC 1952).</summary>
    Gzip = 2,

    /// <summary>LZO; not supported.</summary>
    Lzo = 3,

    /// <summary>A raw Brotli stream (RFC 7932).</summary>
    Brotli = 4,

    /// <summary>The deprecated LZ4 codec: LZ4 blocks inside Hadoop's framing.</summary>
    Lz4 = 5,

    /// <summary>Zstandard frames (RFC 8878).</summary>
    Zstd = 6,

    /// <summary>One raw LZ4 block, without framing.</summary>
    Lz4Raw = 7,
}
