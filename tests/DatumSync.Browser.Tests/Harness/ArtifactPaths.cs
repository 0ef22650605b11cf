namespace DatumSync.Browser.Tests.Harness;

/// <summary>Where the repository is and where browser tests keep what they leave behind (screenshots).</summary>
public static class ArtifactPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder holding <c>DatumSync.slnx</c>: <c>DATUMSYNC_REPO_ROOT</c> (set by <c>./test</c>) when
    /// set, else found by walking up from the test assembly (it lives under <c>artifacts/bin</c>).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary><c>artifacts/test-results/screenshots</c>, created on first use.</summary>
    public static string Screenshots
    {
        get
        {
            var dir = Path.Combine(Root, "artifacts", "test-results", "screenshots");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("DATUMSYNC_REPO_ROOT");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "DatumSync.slnx")))
            return Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DatumSync.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException(
            $"Cannot find the repository root (a folder holding DatumSync.slnx) above {AppContext.BaseDirectory}; set DATUMSYNC_REPO_ROOT to it.");
    }
}
