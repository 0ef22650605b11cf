namespace DatumSync.Platform;

/// <summary>
/// Where the platform keeps its state and how its workers behave. The embedded default is a data directory holding
/// the SQLite catalog (<c>catalog.db</c>) and the filesystem object store; <see cref="DatabaseConnectionString"/>
/// switches the catalog to PostgreSQL for scale-out.
/// </summary>
public sealed record PlatformOptions
{
    /// <summary>The default data directory, relative to the working directory.</summary>
    public const string DefaultDataDirectory = ".datumsync";

    /// <summary>The environment variable holding the PostgreSQL connection string when <c>--database</c> is absent.</summary>
    public const string DatabaseUrlVariable = "DATUMSYNC_DATABASE_URL";

    /// <summary>The data directory (absolute once <see cref="Resolve"/> has run).</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>
    /// A PostgreSQL connection string (<c>Host=…;Username=…</c>) or URL (<c>postgres://user:pass@host:port/db</c>);
    /// null or empty means the SQLite file <c>&lt;data&gt;/catalog.db</c>.
    /// </summary>
    public string? DatabaseConnectionString { get; init; }

    /// <summary>How many in-process workers run jobs (0: none; the API only enqueues).</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>How long a claim holds a job before another worker may rescue it, unless renewed.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a running job's worker renews its lease and records progress.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an idle worker waits before polling again when no notification arrives.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts a job gets by default before it fails for good.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The first retry's maximum delay; attempt n waits a random time up to <c>base·2^(n-1)</c> (full jitter).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The cap on any retry delay.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the catalog uses PostgreSQL.</summary>
    public bool UsesPostgres => !string.IsNullOrWhiteSpace(DatabaseConnectionString);

    /// <summary>The SQLite catalog file.</summary>
    public string SqlitePath => Path.Combine(DataDirectory, "catalog.db");

    /// <summary>The object store's root directory.</summary>
    public string StorageDirectory => Path.Combine(DataDirectory, "store");

    /// <summary>Makes the data directory absolute and creates it; takes the database from the environment when unset; checks the settings.</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public PlatformOptions Resolve()
    {
        var full = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(full);
        var database = string.IsNullOrWhiteSpace(DatabaseConnectionString) ? Environment.GetEnvironmentVariable(DatabaseUrlVariable) : DatabaseConnectionString;
        if (Workers < 0)
            throw new ArgumentException("the worker count must be 0 or more");
        if (LeaseDuration <= TimeSpan.Zero || HeartbeatInterval <= TimeSpan.Zero)
            throw new ArgumentException("the lease duration and heartbeat interval must be positive");
        if (HeartbeatInterval * 2 > LeaseDuration)
            throw new ArgumentException($"the heartbeat interval ({HeartbeatInterval.TotalSeconds:0.###} s) must be at most half the lease duration ({LeaseDuration.TotalSeconds:0.###} s), or a busy worker loses its lease");
        if (MaxAttempts < 1)
            throw new ArgumentException("max attempts must be 1 or more");
        return this with { DataDirectory = full, DatabaseConnectionString = string.IsNullOrWhiteSpace(database) ? null : database };
    }
}
