using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DatumSync.Data.Formats.Csv;

internal sealed partial class CsvScanner
{
    /// <summary>Bytes per block: one bit per byte in a <see cref="ulong"/> mask.</summary>
    private const int BlockSize = 64;

    /// <summary>
    /// The block paths. Each 64-byte block becomes four bitmasks (quote, delimiter, LF, CR). A prefix XOR of the
    /// quote mask, seeded with the state carried from the previous block, marks the bytes inside quotes in one go,
    /// so quoting costs a few ALU operations per block instead of a branch per byte. The remaining structural bits
    /// are walked with trailing-zero counts: the work is per field, not per byte.
    /// </summary>
    /// <remarks>
    /// The classifier is a generic struct argument so the JIT compiles one specialised loop per vector width, with
    /// the classification inlined; the walk and the bookkeeping are shared and cannot drift apart.
    /// </remarks>
    private int ScanBlocks<TClassifier>(ReadOnlySpan<byte> buffer, bool isFinal, CsvFieldIndex output, int maxRows, TClassifier classifier)
        where TClassifier : struct, IBlockClassifier
    {
        ref var data = ref MemoryMarshal.GetReference(buffer);
        var length = buffer.Length;
        // Quote 0 means "no quoting": the mask, not a branch, turns quote bits off (a NUL byte is then data).
        var quoteEnabled = _quote == 0 ? 0UL : ulong.MaxValue;
        var insideCarry = 0UL; // all ones while the previous block ended inside quotes
        var crCarry = 0UL;     // 1 when the previous block's last byte was a CR
        var rowCount = 0;
        var fieldCount = 0;
        var rowStart = 0;

        var fieldEnds = output.FieldEnd;
        var rowStarts = output.RowStart;
        var rowFieldStarts = output.RowFieldStart;

        for (var blockStart = 0; blockStart < length; blockStart += BlockSize)
        {
            ulong quote, delimiter, lf, cr;
            var remaining = length - blockStart;
            if (remaining >= BlockSize)
            {
                classifier.Classify(ref Unsafe.Add(ref data, blockStart), out quote, out delimiter, out lf, out cr);
            }
            else
            {
                ClassifyTail(classifier, buffer[blockStart..], out quote, out delimiter, out lf, out cr);
            }

            quote &= quoteEnabled;
            // Most blocks of typical CSV hold no quote at all; then the whole block shares the carried state.
            var inside = quote == 0 ? insideCarry : PrefixXor(quote) ^ insideCarry;
            insideCarry = (ulong)((long)inside >> 63);
            // An LF right after a CR belongs to that CR's terminator. Both are outside quotes or both inside (no
            // quote can sit between them), so masking with ~inside below covers quoted CRLFs too.
            var lfAfterCr = lf & ((cr << 1) | crCarry);
            crCarry = cr >> 63;
            var rowEnds = ((lf & ~lfAfterCr) | cr) & ~inside;
            var structurals = (delimiter & ~inside) | rowEnds;
            if (structurals == 0)
                continue;

            // Room for the worst case (every byte ends a field and a row), so the walk below writes without checks.
            if (fieldCount + BlockSize > fieldEnds.Length || rowCount + BlockSize + 1 > rowFieldStarts.Length || rowCount + BlockSize > rowStarts.Length)
            {
                output.EnsureCapacity(rowCount + BlockSize, fieldCount + BlockSize);
                fieldEnds = output.FieldEnd;
                rowStarts = output.RowStart;
                rowFieldStarts = output.RowFieldStart;
            }

            // Two passes over the block keep each loop small enough for its state to stay in registers. First every
            // structural ends a field: a branch-free store per field, which is most of the work.
            ref var fieldEnd = ref MemoryMarshal.GetArrayDataReference(fieldEnds);
            var blockFirstField = fieldCount;
            var fields = structurals;
            do
            {
                Unsafe.Add(ref fieldEnd, fieldCount++) = blockStart + BitOperations.TrailingZeroCount(fields);
                fields &= fields - 1;
            }
            while (fields != 0);

            // Then the rows: a terminator's field index is its rank among the block's structurals. Fields written
            // past a row that is not recorded (maxRows, a CR at the end) lie beyond RowFieldStart[rowCount] and
            // are ignored.
            while (rowEnds != 0)
            {
                var bit = BitOperations.TrailingZeroCount(rowEnds);
                rowEnds &= rowEnds - 1;
                var next = blockStart + bit + 1;
                if (((cr >> bit) & 1) != 0)
                {
                    // A CR that is the last byte may be the first half of a CRLF split across buffers.
                    if (next == length)
                    {
                        if (!isFinal)
                            goto Done;
                    }
                    else if (Unsafe.Add(ref data, next) == (byte)'\n')
                    {
                        next++;
                    }
                }
                Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rowStarts), rowCount++) = rowStart;
                Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rowFieldStarts), rowCount) =
                    blockFirstField + BitOperations.PopCount(structurals & (ulong.MaxValue >> (63 - bit)));
                rowStart = next;
                if (rowCount == maxRows)
                    goto Done;
            }
        }

        // Reached only when the whole buffer was walked: the bytes after the last terminator form the last row
        // if the input ends here.
        if (isFinal && rowStart < length)
        {
            output.EnsureCapacity(rowCount + 1, fieldCount + 1);
            output.FieldEnd[fieldCount++] = length;
            output.RowStart[rowCount++] = rowStart;
            output.RowFieldStart[rowCount] = fieldCount;
            rowStart = length;
            output.EndedInsideQuotes = insideCarry != 0;
        }

    Done:
        // Fields recorded for an unfinished row lie past RowFieldStart[rowCount] and are simply ignored.
        output.SetRowCount(rowCount);
        return rowStart;
    }

    /// <summary>
    /// Classifies the last, partial block from a zero-padded copy, so the classifier never reads past the buffer;
    /// clearing the bits past the end makes the padding's value irrelevant. Kept out of <see cref="ScanBlocks"/>
    /// because a stack buffer there would cost the hot loop its tiered, profile-guided compilation.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ClassifyTail<TClassifier>(TClassifier classifier, ReadOnlySpan<byte> rest, out ulong quote, out ulong delimiter, out ulong lf, out ulong cr)
        where TClassifier : struct, IBlockClassifier
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        rest.CopyTo(block);
        classifier.Classify(ref MemoryMarshal.GetReference(block), out quote, out delimiter, out lf, out cr);
        var valid = (1UL << rest.Length) - 1;
        quote &= valid;
        delimiter &= valid;
        lf &= valid;
        cr &= valid;
    }

    /// <summary>
    /// Bit i of the result is the XOR of bits 0..i: set for bytes after an odd number of quotes in the block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PrefixXor(ulong quotes)
    {
        // A carry-less multiply by all ones is exactly the prefix XOR, in one instruction instead of six
        // shift/XOR pairs (see bench/results/csv-scanner.md for the measurement).
        if (Pclmulqdq.IsSupported)
            return Pclmulqdq.CarrylessMultiply(Vector128.CreateScalar(quotes), Vector128<ulong>.AllBitsSet, 0).ToScalar();
        quotes ^= quotes << 1;
        quotes ^= quotes << 2;
        quotes ^= quotes << 4;
        quotes ^= quotes << 8;
        quotes ^= quotes << 16;
        quotes ^= quotes << 32;
        return quotes;
    }

    /// <summary>Turns 64 bytes into one bit per byte for each byte the scanner cares about.</summary>
    private interface IBlockClassifier
    {
        void Classify(ref byte block, out ulong quote, out ulong delimiter, out ulong lf, out ulong cr);
    }

    private readonly struct Vector256Classifier(byte delimiterByte, byte quoteByte) : IBlockClassifier
    {
        private readonly Vector256<byte> _quote = Vector256.Create(quoteByte);
        private readonly Vector256<byte> _delimiter = Vector256.Create(delimiterByte);
        private readonly Vector256<byte> _lf = Vector256.Create((byte)'\n');
        private readonly Vector256<byte> _cr = Vector256.Create((byte)'\r');

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Classify(ref byte block, out ulong quote, out ulong delimiter, out ulong lf, out ulong cr)
        {
            var lo = Vector256.LoadUnsafe(ref block);
            var hi = Vector256.LoadUnsafe(ref block, (nuint)Vector256<byte>.Count);
            quote = Combine(Vector256.Equals(lo, _quote), Vector256.Equals(hi, _quote));
            delimiter = Combine(Vector256.Equals(lo, _delimiter), Vector256.Equals(hi, _delimiter));
            lf = Combine(Vector256.Equals(lo, _lf), Vector256.Equals(hi, _lf));
            cr = Combine(Vector256.Equals(lo, _cr), Vector256.Equals(hi, _cr));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Combine(Vector256<byte> lo, Vector256<byte> hi) =>
            lo.ExtractMostSignificantBits() | ((ulong)hi.ExtractMostSignificantBits() << 32);
    }

    private readonly struct Vector128Classifier(byte delimiterByte, byte quoteByte) : IBlockClassifier
    {
        private readonly Vector128<byte> _quote = Vector128.Create(quoteByte);
        private readonly Vector128<byte> _delimiter = Vector128.Create(delimiterByte);
        private readonly Vector128<byte> _lf = Vector128.Create((byte)'\n');
        private readonly Vector128<byte> _cr = Vector128.Create((byte)'\r');

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Classify(ref byte block, out ulong quote, out ulong delimiter, out ulong lf, out ulong cr)
        {
            var v0 = Vector128.LoadUnsafe(ref block);
            var v1 = Vector128.LoadUnsafe(ref block, 16);
            var v2 = Vector128.LoadUnsafe(ref block, 32);
            var v3 = Vector128.LoadUnsafe(ref block, 48);
            quote = Combine(v0, v1, v2, v3, _quote);
            delimiter = Combine(v0, v1, v2, v3, _delimiter);
            lf = Combine(v0, v1, v2, v3, _lf);
            cr = Combine(v0, v1, v2, v3, _cr);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Combine(Vector128<byte> v0, Vector128<byte> v1, Vector128<byte> v2, Vector128<byte> v3, Vector128<byte> needle) =>
            Vector128.Equals(v0, needle).ExtractMostSignificantBits()
            | ((ulong)Vector128.Equals(v1, needle).ExtractMostSignificantBits() << 16)
            | ((ulong)Vector128.Equals(v2, needle).ExtractMostSignificantBits() << 32)
            | ((ulong)Vector128.Equals(v3, needle).ExtractMostSignificantBits() << 48);
    }
}
