using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Compression;

/// <summary>What <see cref="LzMatcher"/> found, in input order: runs of literals and back-references. Positions are absolute.</summary>
internal interface ILzSink
{
    /// <summary>Bytes <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> are literals (length &gt; 0).</summary>
    void Literals(int start, int length);

    /// <summary>The next <paramref name="length"/> bytes (at least 4) repeat those <paramref name="offset"/> bytes back (1 to 65535).</summary>
    void Copy(int offset, int length);
}

/// <summary>
/// The LZ77 match finder that the SNAPPY and LZ4 compressors share; each turns what it finds into its own elements.
/// </summary>
/// <remarks>
/// Input is matched in independent 64 KiB blocks, as the reference Snappy compressor does, so table entries and
/// offsets fit 16 bits and the table stays in L1. A table of 4-byte sequences hashed by position gives one candidate
/// per lookup (no chains: speed over ratio). After 32 misses in a row the lookup stride grows by a thirty-second of
/// itself per miss, so it doubles about every 22 misses: input that does not compress, or hardly, passes in a few
/// jumps (a stride that grew only linearly kept taking 4-byte matches worth a byte each, at a sixth of the speed).
/// The first match resets it.
/// </remarks>
internal static class LzMatcher
{
    public const int BlockSize = 1 << 16;

    /// <summary>Matching stops this far from a block's end, so the loads near the cursor stay inside it.</summary>
    public const int InputMargin = 15;

    private const int MaxTableBits = 14;
    private const int MinTableBits = 8;

    /// <summary>Blocks shorter than this are one literal: too short to hold a match worth its cost.</summary>
    private const int MinMatchedBlock = InputMargin + 2;

    /// <summary>Finds the matches in <paramref name="source"/> and reports them to <paramref name="sink"/>.</summary>
    /// <param name="source">The input.</param>
    /// <param name="tailLiterals">How many bytes at the end must be literals (LZ4 needs 5); at most <see cref="InputMargin"/>.</param>
    /// <param name="sink">Receives the elements.</param>
    public static void Match<TSink>(ReadOnlySpan<byte> source, int tailLiterals, ref TSink sink)
        where TSink : ILzSink, allows ref struct
    {
        if (source.IsEmpty)
            return;
        var tableBits = Math.Clamp(BitOperations.Log2((uint)Math.Min(source.Length, BlockSize) - 1) + 1, MinTableBits, MaxTableBits);
        Span<ushort> table = stackalloc ushort[1 << tableBits];
        for (var start = 0; start < source.Length; start += BlockSize)
        {
            var length = Math.Min(BlockSize, source.Length - start);
            if (start > 0)
                table.Clear();
            MatchBlock(source.Slice(start, length), start, Math.Min(length, source.Length - tailLiterals - start), table, tableBits, ref sink);
        }
    }

    private static void MatchBlock<TSink>(ReadOnlySpan<byte> block, int blockStart, int matchEnd, scoped Span<ushort> table, int tableBits, ref TSink sink)
        where TSink : ILzSink, allows ref struct
    {
        ref var src = ref MemoryMarshal.GetReference(block);
        ref var slots = ref MemoryMarshal.GetReference(table);
        var length = block.Length;
        var nextEmit = 0;
        if (length >= MinMatchedBlock)
        {
            var shift = 32 - tableBits;
            var limit = length - InputMargin;
            // The cleared table holds position 0 in every slot, so the search starts at 1.
            var ip = 1;
            var nextHash = Hash(Load32(ref src, ip), shift);
            while (true)
            {
                var skip = 32;
                var next = ip;
                int candidate;
                do
                {
                    ip = next;
                    var hash = nextHash;
                    var stride = skip >> 5;
                    skip += stride;
                    next = ip + stride;
                    if (next > limit)
                        goto Remainder;
                    nextHash = Hash(Load32(ref src, next), shift);
                    candidate = Unsafe.Add(ref slots, hash);
                    Unsafe.Add(ref slots, hash) = (ushort)ip;
                }
                while (Load32(ref src, ip) != Load32(ref src, candidate));

                sink.Literals(blockStart + nextEmit, ip - nextEmit);

                // Emit the match, and as long as the bytes right after it match again, the next one: runs of copies
                // need no literal between them.
                do
                {
                    var matchStart = ip;
                    ip += 4 + MatchLength(ref src, candidate + 4, ip + 4, matchEnd);
                    sink.Copy(matchStart - candidate, ip - matchStart);
                    nextEmit = ip;
                    if (ip >= limit)
                        goto Remainder;
                    // Remember the position before the cursor too: in runs the next match often starts there.
                    Unsafe.Add(ref slots, Hash(Load32(ref src, ip - 1), shift)) = (ushort)(ip - 1);
                    var hash = Hash(Load32(ref src, ip), shift);
                    candidate = Unsafe.Add(ref slots, hash);
                    Unsafe.Add(ref slots, hash) = (ushort)ip;
                }
                while (Load32(ref src, ip) == Load32(ref src, candidate));

                nextHash = Hash(Load32(ref src, ++ip), shift);
            }
        }
    Remainder:
        if (nextEmit < length)
            sink.Literals(blockStart + nextEmit, length - nextEmit);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(ref byte src, int at) => Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, at));

    /// <summary>Multiplicative (Fibonacci) hashing with the golden ratio's 32-bit fraction; the top bits index the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(uint bytes, int shift) => (int)((bytes * 0x9E3779B1u) >> shift);

    /// <summary>How many bytes match from <paramref name="earlier"/> and <paramref name="later"/> on, up to <paramref name="end"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int MatchLength(ref byte src, int earlier, int later, int end)
    {
        var start = later;
        while (end - later >= 8)
        {
            var diff = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, later)) ^ Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, earlier));
            if (diff != 0)
                return later - start + ((BitConverter.IsLittleEndian ? BitOperations.TrailingZeroCount(diff) : BitOperations.LeadingZeroCount(diff)) >> 3);
            later += 8;
            earlier += 8;
        }
        while (later < end && Unsafe.Add(ref src, later) == Unsafe.Add(ref src, earlier))
        {
            later++;
            earlier++;
        }
        return later - start;
    }

    /// <summary>
    /// Copies a back-reference for a decompressor: <paramref name="length"/> bytes from <paramref name="offset"/> bytes
    /// back, as if byte by byte, so a copy that overlaps its own output repeats the last <paramref name="offset"/> bytes.
    /// The caller has checked that the copy starts inside the output and ends inside the destination.
    /// </summary>
    /// <remarks>Moves 8 or 16 bytes at a time and may write up to 15 bytes past the copy's end, never past <paramref name="dstLength"/>: the caller's later elements overwrite them.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopyMatch(ref byte dst, int op, int offset, int length, int dstLength)
    {
        // Most copies are short and far enough back to be one 16-byte move.
        if (offset >= 16 && length <= 16 && dstLength - op >= 16)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op), Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(ref Unsafe.Add(ref dst, op - offset)));
            return;
        }
        var end = op + length;
        if (offset < 8)
        {
            // A pattern shorter than a move: write its first 8 bytes one at a time. After that any multiple of the
            // period reads only bytes already written, so move 8 at a time from the first multiple of at least 8.
            var first = Math.Min(length, 8);
            for (var i = 0; i < first; i++)
                Unsafe.Add(ref dst, op + i) = Unsafe.Add(ref dst, op + i - offset);
            op += first;
            offset *= (7 + offset) / offset;
        }
        if (offset >= 16)
        {
            while (op < end && dstLength - op >= 16)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op), Unsafe.ReadUnaligned<System.Runtime.Intrinsics.Vector128<byte>>(ref Unsafe.Add(ref dst, op - offset)));
                op += 16;
            }
        }
        while (op < end && dstLength - op >= 8)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref dst, op - offset)));
            op += 8;
        }
        for (; op < end; op++)
            Unsafe.Add(ref dst, op) = Unsafe.Add(ref dst, op - offset);
    }
}
