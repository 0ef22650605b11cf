using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Tests.Compression;

/// <summary>
/// The reference C++ Snappy through its C API (libsnappy.so.1; Debian: libsnappy1v5, which ./test installs): the
/// oracle the managed codec is checked against. The benchmarks compile this file too.
/// </summary>
internal static class LibSnappy
{
    private const string Library = "libsnappy.so.1";

    // snappy_status: SNAPPY_OK = 0, SNAPPY_INVALID_INPUT = 1, SNAPPY_BUFFER_TOO_SMALL = 2.
    private const int Ok = 0;

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/> (at least <see cref="MaxCompressedLength"/> bytes); returns the length.</summary>
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var length = (nuint)destination.Length;
        var status = NativeMethods.snappy_compress(ref MemoryMarshal.GetReference(source), (nuint)source.Length, ref MemoryMarshal.GetReference(destination), ref length);
        return status == Ok ? (int)length : throw new InvalidOperationException($"snappy_compress returned {status}");
    }

    public static byte[] Compress(ReadOnlySpan<byte> source)
    {
        var buffer = new byte[MaxCompressedLength(source.Length)];
        return buffer.AsSpan(0, Compress(source, buffer)).ToArray();
    }

    /// <summary>Decompresses into <paramref name="destination"/>, which must be exactly the uncompressed length; false when libsnappy rejects the input.</summary>
    public static bool TryDecompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var length = (nuint)destination.Length;
        return NativeMethods.snappy_uncompress(ref MemoryMarshal.GetReference(source), (nuint)source.Length, ref MemoryMarshal.GetReference(destination), ref length) == Ok
            && length == (nuint)destination.Length;
    }

    public static byte[] Decompress(ReadOnlySpan<byte> source)
    {
        if (NativeMethods.snappy_uncompressed_length(ref MemoryMarshal.GetReference(source), (nuint)source.Length, out var length) != Ok)
            throw new InvalidDataException("libsnappy cannot read the uncompressed length");
        var output = new byte[(int)length];
        return TryDecompress(source, output) ? output : throw new InvalidDataException("libsnappy rejects the block");
    }

    public static int MaxCompressedLength(int length) => (int)NativeMethods.snappy_max_compressed_length((nuint)length);

    private static class NativeMethods
    {
        [DllImport(Library)]
        public static extern int snappy_compress(ref byte input, nuint inputLength, ref byte compressed, ref nuint compressedLength);

        [DllImport(Library)]
        public static extern int snappy_uncompress(ref byte compressed, nuint compressedLength, ref byte uncompressed, ref nuint uncompressedLength);

        [DllImport(Library)]
        public static extern nuint snappy_max_compressed_length(nuint sourceLength);

        [DllImport(Library)]
        public static extern int snappy_uncompressed_length(ref byte compressed, nuint compressedLength, out nuint result);
    }
}
