using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DatumSync.Data.Formats.Csv;

internal sealed partial class CsvScanner
{
    /// <summary>
    /// Counts line breaks, ignoring quotes: each <c>\n</c>, plus each <c>\r</c> not followed by <c>\n</c> (a
    /// <c>\r</c> that is the last byte counts). The reader uses it to turn row numbers into physical line numbers
    /// for error messages, so it runs over whole buffers and is vectorised like the scanner.
    /// </summary>
    public static long CountLineBreaks(ReadOnlySpan<byte> buffer)
    {
        ref var data = ref MemoryMarshal.GetReference(buffer);
        var length = buffer.Length;
        long count = 0;
        var i = 0;

        // Each step compares the vector at i with the one at i + 1, so "CR not followed by LF" is one AND-NOT;
        // the loop stops while a full vector still fits at i + 1.
        if (Vector256.IsHardwareAccelerated)
        {
            var lf = Vector256.Create((byte)'\n');
            var cr = Vector256.Create((byte)'\r');
            for (; i + Vector256<byte>.Count < length; i += Vector256<byte>.Count)
            {
                var here = Vector256.LoadUnsafe(ref data, (nuint)i);
                var next = Vector256.LoadUnsafe(ref data, (nuint)(i + 1));
                var breaks = Vector256.Equals(here, lf) | Vector256.AndNot(Vector256.Equals(here, cr), Vector256.Equals(next, lf));
                count += BitOperations.PopCount(breaks.ExtractMostSignificantBits());
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var lf = Vector128.Create((byte)'\n');
            var cr = Vector128.Create((byte)'\r');
            for (; i + Vector128<byte>.Count < length; i += Vector128<byte>.Count)
            {
                var here = Vector128.LoadUnsafe(ref data, (nuint)i);
                var next = Vector128.LoadUnsafe(ref data, (nuint)(i + 1));
                var breaks = Vector128.Equals(here, lf) | Vector128.AndNot(Vector128.Equals(here, cr), Vector128.Equals(next, lf));
                count += BitOperations.PopCount(breaks.ExtractMostSignificantBits());
            }
        }

        for (; i < length; i++)
        {
            var b = buffer[i];
            if (b == '\n' || (b == '\r' && (i + 1 == length || buffer[i + 1] != '\n')))
                count++;
        }
        return count;
    }
}
