namespace DatumSync.Data.Formats;

/// <summary>
/// A file written under a temporary name beside its destination and renamed into place on <see cref="Commit"/>.
/// Disposing without committing deletes the temporary file: a failed or cancelled write leaves nothing half-written.
/// </summary>
public sealed class AtomicFile : IAsyncDisposable, IDisposable
{
    private readonly string _tempPath;
    private FileStream? _stream;
    private bool _committed;

    /// <summary>Writes <paramref name="path"/> whole with <paramref name="write"/>, or leaves it untouched when that throws.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = new AtomicFile(path);
        write(file.Stream);
        file.Commit();
    }

    /// <summary>Creates the temporary file.</summary>
    public AtomicFile(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(Path)!;
        if (!Directory.Exists(dir))
            throw new DataFormatException(path, $"output directory '{dir}' does not exist");
        _tempPath = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    /// <summary>The final path.</summary>
    public string Path { get; }

    /// <summary>The stream to write to.</summary>
    public Stream Stream => _stream ?? throw new ObjectDisposedException(nameof(AtomicFile));

    /// <summary>Flushes to disk and renames over the destination.</summary>
    public void Commit()
    {
        var s = _stream ?? throw new ObjectDisposedException(nameof(AtomicFile));
        s.Flush(flushToDisk: true);
        s.Dispose();
        _stream = null;
        File.Move(_tempPath, Path, overwrite: true);
        _committed = true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream?.Dispose();
        _stream = null;
        if (!_committed)
        {
            try { File.Delete(_tempPath); }
            catch (IOException) { /* best effort: a leftover .tmp is visible and harmless */ }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
