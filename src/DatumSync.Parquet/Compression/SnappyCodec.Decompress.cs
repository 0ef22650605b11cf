using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DatumSync.Parquet.Compression;

internal sealed partial class SnappyCodec
{
    // Tag byte, low two bits.
    private const int TagLiteral = 0;
    private const int TagCopy1 = 1;
    private const int TagCopy2 = 2;

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var ip = ReadPreamble(source, out var length);
        if (ip == 0)
        {
            CompressionErrors.Corrupt(Codec, source.IsEmpty
                ? "the block is empty; it should start with the uncompressed length"
                : "the uncompressed length at the start of the block is truncated or over 4 GiB");
        }
        if (length != (uint)destination.Length)
            CompressionErrors.WrongSize(Codec, length, destination.Length);

        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var srcLength = source.Length;
        var dstLength = destination.Length;
        var op = 0;
        while (ip < srcLength)
        {
            uint tag = Unsafe.Add(ref src, ip++);
            if ((tag & 3) == TagLiteral)
            {
                var literal = (int)(tag >> 2) + 1;
                // Short literals dominate: one 16-byte move where both buffers have room past the literal.
                if (literal <= 16 && srcLength - ip >= 16 && dstLength - op >= 16)
                {
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, op), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref src, ip)));
                    ip += literal;
                    op += literal;
                    continue;
                }
                if (literal > 60)
                {
                    // 61..64: the length - 1 follows in 1..4 little-endian bytes.
                    var count = literal - 60;
                    if (srcLength - ip < count)
                        Truncated(ip, op);
                    uint value = 0;
                    for (var i = count - 1; i >= 0; i--)
                        value = (value << 8) | Unsafe.Add(ref src, ip + i);
                    ip += count;
                    if (value >= (uint)(dstLength - op))
                        PastEnd("a literal", op, (long)value + 1, dstLength);
                    literal = (int)value + 1;
                }
                if (srcLength - ip < literal)
                    Truncated(ip, op);
                if (dstLength - op < literal)
                    PastEnd("a literal", op, literal, dstLength);
                Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, op), ref Unsafe.Add(ref src, ip), (uint)literal);
                ip += literal;
                op += literal;
                continue;
            }

            int copyLength;
            uint offset;
            if ((tag & 3) == TagCopy1)
            {
                if (ip >= srcLength)
                    Truncated(ip, op);
                copyLength = 4 + (int)((tag >> 2) & 7);
                offset = ((tag >> 5) << 8) | Unsafe.Add(ref src, ip);
                ip += 1;
            }
            else if ((tag & 3) == TagCopy2)
            {
                if (srcLength - ip < 2)
                    Truncated(ip, op);
                copyLength = (int)(tag >> 2) + 1;
                offset = BinaryPrimitives.ReadUInt16LittleEndian(source.Slice(ip, 2));
                ip += 2;
            }
            else
            {
                if (srcLength - ip < 4)
                    Truncated(ip, op);
                copyLength = (int)(tag >> 2) + 1;
                offset = BinaryPrimitives.ReadUInt32LittleEndian(source.Slice(ip, 4));
                ip += 4;
            }
            if (offset == 0 || offset > (uint)op)
                BadOffset(offset, op);
            if (dstLength - op < copyLength)
                PastEnd("a copy", op, copyLength, dstLength);
            LzMatcher.CopyMatch(ref dst, op, (int)offset, copyLength, dstLength);
            op += copyLength;
        }
        if (op != dstLength)
            CompressionErrors.WrongSize(Codec, op, dstLength);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn, System.Diagnostics.StackTraceHidden]
    private static void Truncated(int ip, int op)
        => CompressionErrors.Corrupt(ParquetCompression.Snappy, $"the block ends inside an element at byte {ip - 1} (after {op} bytes of output)");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn, System.Diagnostics.StackTraceHidden]
    private static void BadOffset(uint offset, int op)
        => CompressionErrors.Corrupt(ParquetCompression.Snappy, offset == 0
            ? $"a copy at output byte {op} has offset 0"
            : $"a copy at output byte {op} has offset {offset}, reaching before the start of the output");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn, System.Diagnostics.StackTraceHidden]
    private static void PastEnd(string element, int op, long length, int dstLength)
        => CompressionErrors.Corrupt(ParquetCompression.Snappy,
            $"{element} of {length} bytes at output byte {op} runs past the {dstLength} bytes the block says it holds");
}
