using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DatumSync.Parquet.Compression;

internal sealed partial class SnappyCodec
{
    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CompressionErrors.CheckDestination(this, source.Length, destination.Length);
        var writer = new ElementWriter(source, destination, WritePreamble(destination, (uint)source.Length));
        LzMatcher.Match(source, tailLiterals: 0, ref writer);
        return writer.Position;
    }

    /// <summary>Writes what the matcher finds as Snappy elements. The bound checked up front leaves room for all of them.</summary>
    private ref struct ElementWriter(ReadOnlySpan<byte> source, Span<byte> destination, int position) : ILzSink
    {
        private readonly ref byte _src = ref MemoryMarshal.GetReference(source);
        private readonly ref byte _dst = ref MemoryMarshal.GetReference(destination);

        public int Position { get; private set; } = position;

        public void Literals(int start, int length)
        {
            var op = Position;
            var n = (uint)(length - 1);
            if (n < 60)
            {
                Unsafe.Add(ref _dst, op++) = (byte)(n << 2);
            }
            else
            {
                // Tags 60..63: the length - 1 follows in 1..4 bytes.
                var bytes = n < 1u << 8 ? 1 : n < 1u << 16 ? 2 : n < 1u << 24 ? 3 : 4;
                Unsafe.Add(ref _dst, op++) = (byte)((59 + bytes) << 2);
                for (var i = 0; i < bytes; i++, n >>= 8)
                    Unsafe.Add(ref _dst, op++) = (byte)n;
            }
            Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref _dst, op), ref Unsafe.Add(ref _src, start), (uint)length);
            Position = op + length;
        }

        /// <summary>1-byte-offset copies for short near matches, else 2-byte-offset copies of at most 64 bytes each.</summary>
        public void Copy(int offset, int length)
        {
            // Split so the last piece is at least 4 bytes long, which a 1-byte-offset copy needs.
            while (length >= 68)
            {
                Copy2(offset, 64);
                length -= 64;
            }
            if (length > 64)
            {
                Copy2(offset, 60);
                length -= 60;
            }
            if (length < 12 && offset < 2048)
            {
                Unsafe.Add(ref _dst, Position) = (byte)(TagCopy1 | ((length - 4) << 2) | ((offset >> 8) << 5));
                Unsafe.Add(ref _dst, Position + 1) = (byte)offset;
                Position += 2;
            }
            else
            {
                Copy2(offset, length);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Copy2(int offset, int length)
        {
            Unsafe.Add(ref _dst, Position) = (byte)(TagCopy2 | ((length - 1) << 2));
            Unsafe.Add(ref _dst, Position + 1) = (byte)offset;
            Unsafe.Add(ref _dst, Position + 2) = (byte)(offset >> 8);
            Position += 3;
        }
    }
}
