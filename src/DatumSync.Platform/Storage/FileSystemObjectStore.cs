namespace DatumSync.Platform.Storage;

/// <summary>
/// The default object store: files under a root directory, one file per key. Every write goes to a temporary file
/// in the target's directory and is renamed over the target, so readers see the old object or the new one whole.
/// </summary>
/// <remarks>
/// Keys are validated by <see cref="ObjectKeys"/> before they are joined to the root, so no caller-supplied string can
/// name a path outside it (no <c>..</c>, no absolute paths, no backslashes or other separators). Temporary files are
/// named <c>.tmp~…</c>: a '~' is never valid in a key, so a temporary file can never be mistaken for an object and
/// listings skip them.
/// </remarks>
public sealed class FileSystemObjectStore : IObjectStore
{
    private const string TempMarker = ".tmp~";
    private readonly string _root;

    /// <summary>A store rooted at <paramref name="rootDirectory"/> (created when missing).</summary>
    public FileSystemObjectStore(string rootDirectory)
    {
        _root = Path.GetFullPath(rootDirectory);
        Directory.CreateDirectory(_root);
    }

    /// <summary>The root directory.</summary>
    public string RootDirectory => _root;

    private string PathOf(string key)
    {
        ObjectKeys.Validate(key);
        return Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
    }

    private static string TempPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, TempMarker + Guid.NewGuid().ToString("N"));

    private static ObjectInfo Info(string key, string path)
    {
        var info = new FileInfo(path);
        return new ObjectInfo(key, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));
    }

    /// <inheritdoc/>
    public async Task<ObjectInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = TempPathFor(path);
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        return Info(key, path);
    }

    /// <inheritdoc/>
    public async Task<ObjectInfo> PutFileAsync(string key, string localPath, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = TempPathFor(path);
        try
        {
            // A rename is atomic and free when the file is on the same file system; across devices it fails and we copy.
            try
            {
                File.Move(localPath, temp);
            }
            catch (IOException) when (File.Exists(localPath))
            {
                await using var source = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
                await using var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        return Info(key, path);
    }

    /// <inheritdoc/>
    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.Asynchronous));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    /// <inheritdoc/>
    public Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        return Task.FromResult(File.Exists(path) ? Info(key, path) : null);
    }

    /// <inheritdoc/>
    public string? TryGetLocalPath(string key)
    {
        var path = PathOf(key);
        return File.Exists(path) ? path : null;
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
            return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    /// <inheritdoc/>
    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ObjectKeys.ValidatePrefix(prefix);
        var directory = Path.Combine(_root, prefix[..^1].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(directory))
            return Task.FromResult(0);
        var count = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count(f => !Path.GetFileName(f).StartsWith(TempMarker, StringComparison.Ordinal));
        Directory.Delete(directory, recursive: true);
        return Task.FromResult(count);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default) => Task.FromResult(List(prefix));

    private IReadOnlyList<string> List(string prefix)
    {
        ObjectKeys.ValidatePrefix(prefix);
        var directory = Path.Combine(_root, prefix[..^1].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(directory))
            return [];
        return [.. Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith(TempMarker, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(_root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var probe = Path.Combine(_root, TempMarker + "ping-" + Guid.NewGuid().ToString("N"));
            await File.WriteAllBytesAsync(probe, [1], cancellationToken).ConfigureAwait(false);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
