using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Parquet.Tests.Peers;

/// <summary>
/// A class fixture: one temporary folder, and files written once for all tests of a class (xUnit makes a new test
/// class instance per test, so a cache in the test class would write them again for every test).
/// </summary>
public sealed class PeerTestFiles : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, object> _made = [];

    /// <summary>The folder, deleted on dispose.</summary>
    public TempDir Dir { get; } = new();

    /// <summary>Makes a value (a file and what it holds) the first time <paramref name="key"/> is asked for.</summary>
    public async Task<T> OnceAsync<T>(string key, Func<TempDir, Task<T>> make)
        where T : notnull
    {
        await _lock.WaitAsync();
        try
        {
            if (!_made.TryGetValue(key, out var made))
            {
                made = await make(Dir);
                _made[key] = made;
            }
            return (T)made;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Deletes the folder.</summary>
    public void Dispose()
    {
        Dir.Dispose();
        _lock.Dispose();
    }
}
