using System.Buffers.Binary;

namespace DatumSync.Parquet.Compression;

/// <summary>
/// LZ4, the deprecated codec: LZ4 blocks inside Hadoop's framing, where each block follows its uncompressed and
/// compressed sizes as big-endian 32-bit integers. Older parquet-cpp wrote one raw block instead, so decompression
/// falls back to that, as Arrow does. Compression writes one framed block; writers should prefer LZ4_RAW.
/// </summary>
internal sealed class Lz4HadoopCodec : ICompressionCodec
{
    private const int FrameHeaderLength = 8;

    public ParquetCompression Codec => ParquetCompression.Lz4;

    public int MaxCompressedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return CompressionErrors.CheckBound(FrameHeaderLength + length + length / 255L + 16, length);
    }

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CompressionErrors.CheckDestination(this, source.Length, destination.Length);
        var written = Lz4RawCodec.CompressBlock(source, destination[FrameHeaderLength..]);
        BinaryPrimitives.WriteInt32BigEndian(destination, source.Length);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], written);
        return FrameHeaderLength + written;
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (TryHadoopFrames(source, destination, out var problem))
            return;
        try
        {
            var written = Lz4RawCodec.DecompressBlock(source, destination, Codec);
            if (written != destination.Length)
                CompressionErrors.WrongSize(Codec, written, destination.Length);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{e.Message}; nor is it Hadoop-framed: {problem}", e);
        }
    }

    /// <summary>
    /// Decompresses Hadoop frames that fill the destination exactly; else says why the data is not that. A frame is
    /// the uncompressed size, then compressed chunks, each an LZ4 block after its size, until they add up to it:
    /// Hadoop's block stream splits large input into several chunks, Arrow writes one.
    /// </summary>
    private bool TryHadoopFrames(ReadOnlySpan<byte> source, Span<byte> destination, out string problem)
    {
        var op = 0;
        problem = "";
        while (!source.IsEmpty)
        {
            if (source.Length < FrameHeaderLength)
                return Fail(out problem, $"{source.Length} bytes are left where an 8-byte frame header should be");
            var rawSize = BinaryPrimitives.ReadUInt32BigEndian(source);
            source = source[4..];
            if (rawSize > (uint)(destination.Length - op))
                return Fail(out problem, $"a frame of {rawSize} bytes runs past the {destination.Length} bytes expected");
            var frameEnd = op + (int)rawSize;
            do
            {
                if (source.Length < 4)
                    return Fail(out problem, "the data ends where a chunk's size should be");
                var chunkSize = BinaryPrimitives.ReadUInt32BigEndian(source);
                source = source[4..];
                if (chunkSize > (uint)source.Length)
                    return Fail(out problem, $"a chunk of {chunkSize} bytes runs past the end of the data");
                try
                {
                    op += Lz4RawCodec.DecompressBlock(source[..(int)chunkSize], destination[op..frameEnd], Codec);
                }
                catch (InvalidDataException e)
                {
                    return Fail(out problem, e.Message);
                }
                source = source[(int)chunkSize..];
            }
            while (op < frameEnd);
        }
        return op == destination.Length || Fail(out problem, $"the frames hold {op} bytes, not {destination.Length}");
    }

    private static bool Fail(out string problem, string why)
    {
        problem = why;
        return false;
    }
}
