using System.IO.Compression;

namespace DatumSync.Parquet.Compression;

/// <summary>
/// GZIP: RFC 1952 members through <see cref="GZipStream"/>, over streams on the caller's pinned buffers. Pages with
/// several members decompress (the format asks readers to accept them); compression writes one member.
/// </summary>
/// <remarks>
/// <see cref="GZipStream"/> is lenient: it stops quietly where data is cut short, checks no trailer it cannot read,
/// and skips bytes after the last member unless they start another member. So decompression reads the page
/// followed by a sentinel member that holds a marker, and wants exactly the page size and then the marker: a page
/// cut short (even by its trailer alone) lends its bytes to the sentinel and fails the checksum or yields other
/// bytes; stray bytes after the page hide the sentinel, and the marker never comes.
/// </remarks>
internal sealed unsafe class GzipCodec : ICompressionCodec
{
    /// <summary>zlib's default level.</summary>
    public const int DefaultLevel = 6;

    /// <summary>10-byte header, empty deflate block, 8-byte trailer.</summary>
    private const int MinMemberLength = 20;


    private static readonly byte[] Sentinel = CompressMarker();

    private readonly int _level;

    public GzipCodec(int level) => _level = level;

    /// <summary>What the sentinel member holds: bytes unlikely to end a page, so a page short by a few bytes is told apart from stray bytes.</summary>
    private static ReadOnlySpan<byte> Marker => [0x00, 0xFF, (byte)'D', (byte)'S', (byte)'g', (byte)'z', 0xA5, 0x5A];

    /// <summary>
    /// The member gzip writes for no input. <see cref="GZipStream"/> writes nothing at all when given no bytes, which
    /// other readers reject.
    /// </summary>
    private static ReadOnlySpan<byte> EmptyMember => [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    public ParquetCompression Codec => ParquetCompression.Gzip;

    /// <summary>
    /// Generous: stored blocks cost 5 bytes per 64 KiB, but the fastest levels may emit fixed-Huffman blocks, where
    /// a literal takes up to 9 bits.
    /// </summary>
    public int MaxCompressedLength(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return CompressionErrors.CheckBound(length + (length >> 3) + (length >> 6) + 64L, length);
    }

    public int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        CompressionErrors.CheckDestination(this, source.Length, destination.Length);
        if (source.IsEmpty)
        {
            EmptyMember.CopyTo(destination);
            return EmptyMember.Length;
        }
        fixed (byte* output = destination)
        {
            using var stream = new UnmanagedMemoryStream(output, 0, destination.Length, FileAccess.Write);
            try
            {
                using (var gzip = new GZipStream(stream, new ZLibCompressionOptions { CompressionLevel = _level }, leaveOpen: true))
                    gzip.Write(source);
            }
            catch (NotSupportedException e)
            {
                // The unmanaged stream cannot grow: the bound above was wrong for this input.
                throw new InvalidOperationException($"GZIP output of {source.Length} bytes exceeded MaxCompressedLength", e);
            }
            return (int)stream.Position;
        }
    }

    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length < MinMemberLength)
            CompressionErrors.Corrupt(Codec, $"{source.Length} bytes is shorter than the smallest GZIP member ({MinMemberLength} bytes)");
        if (source[0] != 0x1F || source[1] != 0x8B)
            CompressionErrors.Corrupt(Codec, $"it starts with {source[0]:X2} {source[1]:X2}, not the GZIP signature 1F 8B");

        int total = 0, after = 0;
        Span<byte> tail = stackalloc byte[Marker.Length + 1];
        fixed (byte* input = source)
        {
            using var stream = new PageThenSentinel(new UnmanagedMemoryStream(input, source.Length));
            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            try
            {
                total = ReadFully(gzip, destination);
                // Past the page: the marker, then the end. A page that is longer shows its own bytes first.
                after = ReadFully(gzip, tail);
            }
            catch (InvalidDataException e)
            {
                CompressionErrors.Corrupt(Codec, $"{e.Message} (after {total} bytes of output)", e);
            }
        }
        if (after == tail.Length)
            CompressionErrors.TooLong(Codec, destination.Length);
        if (EndsWithMarker(destination[..total], tail[..after]))
        {
            // A page that is shorter than its header says has the marker in the destination.
            var produced = total + after - Marker.Length;
            if (produced != destination.Length)
                CompressionErrors.WrongSize(Codec, produced, destination.Length);
            return;
        }
        if (total < destination.Length)
            CompressionErrors.Corrupt(Codec, $"it ends after {total} bytes of output, but the page header says {destination.Length}");
        CompressionErrors.Corrupt(Codec, "stray bytes follow the last member");
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
                break;
            total += n;
        }
        return total;
    }

    /// <summary>Whether the output, <paramref name="head"/> then <paramref name="tail"/>, ends with <see cref="Marker"/>.</summary>
    private static bool EndsWithMarker(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        var marker = Marker;
        if (head.Length + tail.Length < marker.Length)
            return false;
        var inHead = marker.Length - tail.Length;
        return tail.SequenceEqual(marker[inHead..]) && head[^inHead..].SequenceEqual(marker[..inHead]);
    }

    private static byte[] CompressMarker()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(Marker);
        return output.ToArray();
    }

    /// <summary>The page's bytes, then <see cref="Sentinel"/>'s.</summary>
    private sealed class PageThenSentinel(Stream page) : Stream
    {
        private int _sentinelPosition = -1;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_sentinelPosition < 0)
            {
                var n = page.Read(buffer);
                if (n > 0 || buffer.IsEmpty)
                    return n;
                _sentinelPosition = 0;
            }
            var count = Math.Min(buffer.Length, Sentinel.Length - _sentinelPosition);
            Sentinel.AsSpan(_sentinelPosition, count).CopyTo(buffer);
            _sentinelPosition += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                page.Dispose();
            base.Dispose(disposing);
        }
    }
}
