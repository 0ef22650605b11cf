namespace DatumSync.Browser.Tests.Harness;

/// <summary>
/// A fresh directory deleted with everything in it on dispose. Use it with <c>using</c> in a test or as an
/// <c>IClassFixture&lt;TempDir&gt;</c>. It lives under <c>DATUMSYNC_TEST_TMPDIR</c> when set (for a disk with
/// more room than the system temp folder), else under the system temp folder.
/// </summary>
public sealed class TempDir : IDisposable
{
    /// <summary>Creates the directory.</summary>
    public TempDir()
    {
        var parent = Environment.GetEnvironmentVariable("DATUMSYNC_TEST_TMPDIR") is { Length: > 0 } custom ? custom : System.IO.Path.GetTempPath();
        Path = System.IO.Path.Combine(parent, "datumsync-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the directory (nothing is created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a text file inside the directory and returns its path.</summary>
    public string WriteFile(string name, string contents)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    /// <summary>Deletes the directory; a leftover (a file still open elsewhere) is not worth failing a test for.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
