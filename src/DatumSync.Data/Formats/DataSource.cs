namespace DatumSync.Data.Formats;

/// <summary>
/// Where a dataset's bytes come from: a name for messages, a length when known, and a way to open (and, for files,
/// re-open) the bytes.
/// </summary>
public sealed class DataSource
{
    private readonly Func<Stream> _open;
    private Stream? _single;

    private DataSource(string name, string? path, long? length, Func<Stream> open, bool canReopen)
    {
        Name = name;
        Path = path;
        Length = length;
        _open = open;
        CanReopen = canReopen;
    }

    /// <summary>The label used in messages (the file name as the user gave it).</summary>
    public string Name { get; }

    /// <summary>The file path, for file sources.</summary>
    public string? Path { get; }

    /// <summary>The size in bytes, when known.</summary>
    public long? Length { get; }

    /// <summary>Whether <see cref="Open"/> may be called more than once.</summary>
    public bool CanReopen { get; }

    /// <summary>The lower-case extension without the dot (<c>csv</c>, <c>parquet</c>), or empty.</summary>
    public string Extension => System.IO.Path.GetExtension(Name).TrimStart('.').ToLowerInvariant();

    /// <summary>A file on disk.</summary>
    /// <exception cref="DataFormatException">The file does not exist.</exception>
    public static DataSource FromFile(string path, string? displayName = null)
    {
        var info = new FileInfo(path);
        // A symbolic link's own length is the length of its target's name: measure the file it points to.
        if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target)
            info = target;
        if (!info.Exists)
            throw new DataFormatException(displayName ?? path, Directory.Exists(path) ? "is a directory, expected a file" : "file not found");
        return new DataSource(displayName ?? path, info.FullName, info.Length,
            () => new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan), true);
    }

    /// <summary>Bytes in memory.</summary>
    public static DataSource FromBytes(byte[] bytes, string name)
        => new(name, null, bytes.Length, () => new MemoryStream(bytes, writable: false), true);

    /// <summary>A stream that can be read once (standard input, an HTTP body).</summary>
    public static DataSource FromStream(Stream stream, string name)
    {
        long? length = stream.CanSeek ? stream.Length - stream.Position : null;
        var source = new DataSource(name, null, length, () => throw new InvalidOperationException("Stream sources open once."), false);
        source._single = stream;
        return source;
    }

    /// <summary>Opens the bytes for reading.</summary>
    /// <exception cref="DataFormatException">The source cannot be opened (missing, unreadable, a one-shot stream
    /// opened twice).</exception>
    public Stream Open()
    {
        if (_single is { } s)
        {
            _single = null;
            return s;
        }
        try
        {
            return _open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new DataFormatException(Name, $"cannot open: {e.Message}", inner: e);
        }
    }
}
