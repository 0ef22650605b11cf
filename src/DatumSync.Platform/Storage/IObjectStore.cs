namespace DatumSync.Platform.Storage;

/// <summary>What the store knows of an object.</summary>
/// <param name="Key">Its key.</param>
/// <param name="SizeBytes">Length.</param>
/// <param name="LastModified">Last write.</param>
public sealed record ObjectInfo(string Key, long SizeBytes, DateTimeOffset LastModified);

/// <summary>
/// Where the platform keeps files: uploads (<c>uploads/ab/cd/&lt;sha256&gt;</c>) and job outputs
/// (<c>jobs/&lt;job&gt;/&lt;attempt-token&gt;/&lt;name&gt;</c>). Keys are relative, '/'-separated, and validated by every
/// implementation: no user-supplied path reaches the file system unchecked. A write becomes visible whole or not at all.
/// The filesystem store is the default; an S3-compatible one implements the same interface.
/// </summary>
public interface IObjectStore
{
    /// <summary>Writes <paramref name="content"/> under <paramref name="key"/> atomically (replacing any object there).</summary>
    Task<ObjectInfo> PutAsync(string key, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Writes a local file under <paramref name="key"/> atomically.</summary>
    Task<ObjectInfo> PutFileAsync(string key, string localPath, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for reading (seekable where the store allows it), or null when absent.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The object's metadata, or null when absent.</summary>
    Task<ObjectInfo?> StatAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>A local file path holding the object, when the store is on local disk and the object exists (lets modules read uploads in place); else null.</summary>
    string? TryGetLocalPath(string key);

    /// <summary>Deletes an object; false when absent.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/> (which must end with '/').</summary>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>The keys of every object under <paramref name="prefix"/> (which must end with '/'), sorted ordinally.</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Whether the store is reachable and writable.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
