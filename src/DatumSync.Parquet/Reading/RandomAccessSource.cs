using Microsoft.Win32.SafeHandles;

namespace DatumSync.Parquet.Reading;

/// <summary>Positional reads of a file, safe from several threads at once (columns decode in parallel).</summary>
internal abstract class RandomAccessSource : IDisposable
{
    public abstract long Length { get; }

    /// <summary>Reads exactly <paramref name="destination"/>'s length at <paramref name="offset"/>.</summary>
    /// <exception cref="EndOfStreamException">The file is shorter.</exception>
    public abstract void ReadExactly(long offset, Span<byte> destination);

    public abstract void Dispose();

    /// <summary>Wraps an open seekable stream (taking ownership).</summary>
    public static RandomAccessSource From(Stream stream) => stream is FileStream file ? new FileSource(file) : new StreamSource(stream);

    private sealed class FileSource(FileStream file) : RandomAccessSource
    {
        private readonly SafeFileHandle _handle = file.SafeFileHandle;

        public override long Length { get; } = file.Length;

        public override void ReadExactly(long offset, Span<byte> destination)
        {
            while (destination.Length > 0)
            {
                var n = RandomAccess.Read(_handle, destination, offset);
                if (n == 0)
                    throw new EndOfStreamException();
                destination = destination[n..];
                offset += n;
            }
        }

        public override void Dispose() => file.Dispose();
    }

    private sealed class StreamSource(Stream stream) : RandomAccessSource
    {
        private readonly Lock _gate = new();

        public override long Length => stream.Length;

        public override void ReadExactly(long offset, Span<byte> destination)
        {
            lock (_gate)
            {
                stream.Position = offset;
                stream.ReadExactly(destination);
            }
        }

        public override void Dispose() => stream.Dispose();
    }
}
