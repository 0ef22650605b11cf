using DatumSync.Data;
using DatumSync.Data.Formats;

namespace DatumSync.Parquet;

/// <summary>Apache Parquet, read and written by our own engine.</summary>
public sealed class ParquetFormat : IFileFormat
{
    private static int s_registered;

    /// <inheritdoc />
    public string Name => "parquet";

    /// <inheritdoc />
    public IReadOnlyList<string> Extensions { get; } = ["parquet", "pq"];

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <summary>Adds the format to <see cref="FormatRegistry.Default"/> (once).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref s_registered, 1) == 0)
            FormatRegistry.Default.Register(new ParquetFormat());
    }

    /// <inheritdoc />
    public int Sniff(ReadOnlySpan<byte> head) => head.StartsWith(ParquetFooter.Magic) ? 100 : 0;

    /// <inheritdoc />
    public async ValueTask<IBatchReader> OpenReaderAsync(DataSource source, ReadOptions options, CancellationToken cancellationToken = default)
        => await ParquetReader.OpenAsync(source, options, cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public IBatchWriter CreateWriter(Stream output, Data.Schema schema, WriteOptions options)
    {
        // A footer with only the root element is refused by DuckDB and others: say so rather than write it.
        if (schema.Count == 0)
            throw new DataFormatException("the input has no columns, and a Parquet file needs at least one");
        ParquetWriteOptions parquet;
        try
        {
            parquet = ParquetWriteOptions.FromSettings(options.Settings);
        }
        catch (FormatException e)
        {
            throw new DataFormatException($"invalid Parquet option: {e.Message}", e);
        }
        return new ParquetWriter(output, schema, parquet);
    }

    /// <summary>Opens a source for random access (Parquet's footer is at the end); a one-shot stream is copied to a
    /// temporary file first.</summary>
    internal static Stream OpenSeekable(DataSource source)
    {
        var stream = source.Open();
        if (stream.CanSeek)
            return stream;
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        using (stream)
            stream.CopyTo(temp);
        temp.Position = 0;
        return temp;
    }
}
