namespace DatumSync.Platform;

/// <summary>
/// Where the platform keeps its state. The embedded default is a data directory holding the SQLite catalog and the
/// object store; the scale-out settings (PostgreSQL, S3) arrive with the platform issue.
/// </summary>
public sealed record PlatformOptions
{
    /// <summary>The default data directory, relative to the working directory.</summary>
    public const string DefaultDataDirectory = ".datumsync";

    /// <summary>The data directory (absolute once <see cref="Resolve"/> has run).</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>Makes the data directory absolute and creates it.</summary>
    public PlatformOptions Resolve()
    {
        var full = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(full);
        return this with { DataDirectory = full };
    }
}
