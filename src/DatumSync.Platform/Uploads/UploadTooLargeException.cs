namespace DatumSync.Platform.Uploads;

/// <summary>An upload went past the configured size limit; nothing was stored.</summary>
/// <param name="limitBytes">The limit in bytes.</param>
public sealed class UploadTooLargeException(long limitBytes)
    : Exception($"the upload is larger than the limit of {FormatSize(limitBytes)}")
{
    /// <summary>The limit in bytes.</summary>
    public long LimitBytes { get; } = limitBytes;

    private static string FormatSize(long bytes) => bytes >= 1 << 20 && bytes % (1 << 20) == 0
        ? $"{bytes >> 20} MB"
        : $"{bytes} bytes";
}
