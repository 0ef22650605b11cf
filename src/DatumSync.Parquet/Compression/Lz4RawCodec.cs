using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DatumSync.Parquet.Compression;

/// <summary>
/// LZ4_RAW: one LZ4 block (lz4's block format: sequences of a token, literals, a 2-byte offset and a match length),
/// managed. The compressor is <see cref="LzMatcher"/>; the decompressor checks like <see cref="SnappyCodec"/>'s.
/// </summary>
internal sealed class Lz4RawCodec : ICompressionCodec
{
    private const int MinMatch = 4;

    /// <summary>The block format wants the last 5 bytes to be literals.</summary>
    private const int LastLiterals = 5;

    public ParquetCompression Codec => ParquetCompression.Lz4Raw;

    /// <summary>lz4's bound: a length byte more per 255 literals, and a token.</summary>
    public int MaxCompressedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return CompressionErrors.CheckBound(length + length / 255L + 16, length);
    }

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CompressionErrors.CheckDestination(this, source.Length, destination.Length);
        return CompressBlock(source, destination);
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var written = DecompressBlock(source, destination, Codec);
        if (written != destination.Length)
            CompressionErrors.WrongSize(Codec, written, destination.Length);
    }

    /// <summary>Compresses into a destination of at least <see cref="MaxCompressedLength"/> bytes; returns the bytes written.</summary>
    internal static int CompressBlock(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var writer = new SequenceWriter(source, destination);
        LzMatcher.Match(source, LastLiterals, ref writer);
        writer.Finish(source.Length);
        return writer.Position;
    }

    /// <summary>
    /// Decompresses the whole block <paramref name="source"/> into the start of <paramref name="destination"/>;
    /// returns the bytes written. Errors name <paramref name="codec"/>.
    /// </summary>
    internal static int DecompressBlock(ReadOnlySpan<byte> source, Span<byte> destination, ParquetCompression codec)
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var srcLength = source.Length;
        var dstLength = destination.Length;
        int ip = 0, op = 0;
        while (true)
        {
            if (ip >= srcLength)
                Corrupt(codec, "the block ends where a sequence should start (or is empty)");
            uint token = Unsafe.Add(ref src, ip++);
            var literals = (int)(token >> 4);
            if (literals == 15)
                literals = ReadLength(source, ref ip, literals, dstLength - op, codec, "a literal run");
            if (srcLength - ip < literals)
                Corrupt(codec, $"the block ends inside a literal run of {literals} bytes");
            if (dstLength - op < literals)
                PastEnd(codec, "a literal run", op, literals, dstLength);
            // Short runs dominate: one 16-byte move where both buffers have room past the run.
            if (literals <= 16 && srcLength - ip >= 16 && dstLength - op >= 16)
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref src, ip)));
            else
                Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, op), ref Unsafe.Add(ref src, ip), (uint)literals);
            ip += literals;
            op += literals;
            // The last sequence has literals only.
            if (ip == srcLength)
                return op;

            if (srcLength - ip < 2)
                Corrupt(codec, "the block ends inside a match offset");
            int offset = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(ip, 2));
            ip += 2;
            if (offset == 0 || offset > op)
            {
                Corrupt(codec, offset == 0
                    ? $"a match at output byte {op} has offset 0"
                    : $"a match at output byte {op} has offset {offset}, reaching before the start of the output");
            }
            var match = (int)(token & 15);
            match = match == 15 ? ReadLength(source, ref ip, match, dstLength - op - MinMatch, codec, "a match") + MinMatch : match + MinMatch;
            if (dstLength - op < match)
                PastEnd(codec, "a match", op, match, dstLength);
            LzMatcher.CopyMatch(ref dst, op, offset, match, dstLength);
            op += match;
        }
    }

    /// <summary>
    /// Adds the extra length bytes at <paramref name="ip"/> (255 means another follows) to <paramref name="length"/>,
    /// the 15 from the token. A length over <paramref name="room"/>, what the output can still take, is corrupt, so
    /// the sum cannot overflow.
    /// </summary>
    private static int ReadLength(ReadOnlySpan<byte> source, ref int ip, int length, int room, ParquetCompression codec, string what)
    {
        byte b;
        do
        {
            if (ip >= source.Length)
                Corrupt(codec, $"the block ends inside the length of {what}");
            b = source[ip++];
            length += b;
            if (length > room)
                Corrupt(codec, $"{what} of at least {length} bytes runs past the end of the {room} bytes of output left");
        }
        while (b == 255);
        return length;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn, System.Diagnostics.StackTraceHidden]
    private static void Corrupt(ParquetCompression codec, string problem) => CompressionErrors.Corrupt(codec, problem);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn, System.Diagnostics.StackTraceHidden]
    private static void PastEnd(ParquetCompression codec, string what, int op, int length, int dstLength)
        => CompressionErrors.Corrupt(codec, $"{what} of {length} bytes at output byte {op} runs past the {dstLength} bytes expected");

    /// <summary>Writes what the matcher finds as LZ4 sequences: literals wait for the match that ends their sequence.</summary>
    private ref struct SequenceWriter(ReadOnlySpan<byte> source, Span<byte> destination) : ILzSink
    {
        private readonly ref byte _src = ref MemoryMarshal.GetReference(source);
        private readonly ref byte _dst = ref MemoryMarshal.GetReference(destination);
        private int _pendingStart;
        private int _pendingLength;

        public int Position { get; private set; }

        public void Literals(int start, int length)
        {
            if (_pendingLength == 0)
                _pendingStart = start;
            _pendingLength += length;
        }

        public void Copy(int offset, int length)
        {
            var match = length - MinMatch;
            var token = Position;
            WriteLiterals();
            Unsafe.Add(ref _dst, Position) = (byte)offset;
            Unsafe.Add(ref _dst, Position + 1) = (byte)(offset >> 8);
            Position += 2;
            Unsafe.Add(ref _dst, token) |= (byte)Math.Min(match, 15);
            if (match >= 15)
                WriteLength(match - 15);
        }

        /// <summary>The last sequence: the literals left, no match.</summary>
        /// <param name="end">The input length; literals not reported yet (a tail the matcher skipped) are included.</param>
        public void Finish(int end)
        {
            if (_pendingLength == 0)
                _pendingStart = end;
            _pendingLength = end - _pendingStart;
            WriteLiterals();
        }

        /// <summary>Writes the token (literal half), the run's extra length bytes and the run.</summary>
        private void WriteLiterals()
        {
            var length = _pendingLength;
            Unsafe.Add(ref _dst, Position++) = (byte)(Math.Min(length, 15) << 4);
            if (length >= 15)
                WriteLength(length - 15);
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref _dst, Position), ref Unsafe.Add(ref _src, _pendingStart), (uint)length);
            Position += length;
            _pendingLength = 0;
        }

        private void WriteLength(int rest)
        {
            for (; rest >= 255; rest -= 255)
                Unsafe.Add(ref _dst, Position++) = 255;
            Unsafe.Add(ref _dst, Position++) = (byte)rest;
        }
    }
}
