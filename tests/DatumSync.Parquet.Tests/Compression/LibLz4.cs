using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Tests.Compression;

/// <summary>The reference LZ4 block functions (liblz4.so.1; Debian: liblz4-1, which ./test installs).</summary>
internal static class LibLz4
{
    private const string Library = "liblz4.so.1";

    public static byte[] Compress(ReadOnlySpan<byte> source)
    {
        var buffer = new byte[NativeMethods.LZ4_compressBound(source.Length)];
        var written = NativeMethods.LZ4_compress_default(ref MemoryMarshal.GetReference(source), ref buffer[0], source.Length, buffer.Length);
        return written > 0 ? buffer[..written] : throw new InvalidOperationException("LZ4_compress_default failed");
    }

    /// <summary>Decompresses into <paramref name="destination"/>; false when liblz4 rejects the block or it decompresses to another size.</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        Span<byte> empty = [0];
        var target = destination.IsEmpty ? empty : destination;
        var written = NativeMethods.LZ4_decompress_safe(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(target), source.Length, destination.Length);
        return written == destination.Length;
    }

    private static class NativeMethods
    {
        [DllImport(Library)]
        public static extern int LZ4_compress_default(ref byte source, ref byte destination, int sourceSize, int maxDestinationSize);

        [DllImport(Library)]
        public static extern int LZ4_decompress_safe(ref byte source, ref byte destination, int compressedSize, int maxDecompressedSize);

        [DllImport(Library)]
        public static extern int LZ4_compressBound(int inputSize);
    }
}
