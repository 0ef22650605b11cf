using DatumSync.Platform;

namespace DatumSync.Server;

/// <summary>How the server runs: where it listens, the platform it uses and its request limits.</summary>
public sealed record ServerOptions
{
    /// <summary>The default upload limit: 2 GB.</summary>
    public const long DefaultMaxUploadBytes = 2L << 30;

    /// <summary>Address(es) to listen on, separated by ';'.</summary>
    public string Urls { get; init; } = DatumSyncServer.DefaultUrls;

    /// <summary>Catalog, storage and worker settings.</summary>
    public PlatformOptions Platform { get; init; } = new();

    /// <summary>The largest upload accepted, in bytes (larger ones get 413).</summary>
    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;

    /// <summary>The key signing download URLs; null reads <c>DATUMSYNC_SIGNING_KEY</c> or the data directory's key file.</summary>
    public string? SigningKey { get; init; }

    /// <summary>How long signed download URLs stay valid.</summary>
    public TimeSpan DownloadUrlLifetime { get; init; } = DatumSync.Platform.Storage.UrlSigner.DefaultLifetime;
}
