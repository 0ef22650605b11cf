namespace DatumSync.Cli.Tests.Harness;

/// <summary>Where the repository and its build outputs are, seen from a running test.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding <c>DatumSync.slnx</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>The Release build of the CLI, the one <c>./datumsync</c> runs and <c>./test</c> builds.</summary>
    public static string CliDll => Path.Combine(Root, "artifacts", "bin", "DatumSync.Cli", "release", "datumsync.dll");

    /// <summary>The npm project with the peer readers (DuckDB, Polars, hyparquet).</summary>
    public static string Peers => Path.Combine(Root, "tests", "peers");

    /// <summary>Walks up from the test assembly (it lives under <c>artifacts/bin</c>), then tries
    /// <c>DATUMSYNC_REPO_ROOT</c> (set by <c>./test</c>) for an assembly copied elsewhere.</summary>
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DatumSync.slnx")))
                return dir.FullName;
        }
        var env = Environment.GetEnvironmentVariable("DATUMSYNC_REPO_ROOT");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "DatumSync.slnx")))
            return Path.GetFullPath(env);
        throw new InvalidOperationException(
            $"Cannot find the repository root (a folder holding DatumSync.slnx) above {AppContext.BaseDirectory}; " +
            "set DATUMSYNC_REPO_ROOT to it.");
    }
}
