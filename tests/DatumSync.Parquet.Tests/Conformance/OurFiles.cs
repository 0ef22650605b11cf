using DatumSync.Parquet.Compression;
using DatumSync.Parquet.Tests.Peers;

namespace DatumSync.Parquet.Tests.Conformance;

/// <summary>How our writer is told to encode a file of the conformance matrix.</summary>
public enum DictionaryMode
{
    /// <summary><see cref="ParquetWriteOptions.Dictionary"/> off: PLAIN everywhere.</summary>
    Off,

    /// <summary>Dictionary on with the default limit: every dictionary-capable column stays dictionary-encoded.</summary>
    On,

    /// <summary>Dictionary on with a 256-byte limit: columns fall back to PLAIN after their first page.</summary>
    Fallback,
}

/// <summary>
/// A class fixture: the files our writer makes for the conformance matrix, each written once (first asked for) into
/// one temporary folder. Every file holds the same seeded <see cref="ConformanceTable"/>, cut into 1,000-row row
/// groups (the last one shorter) and small pages, written in 128-row batches so fallbacks and page cuts land
/// inside row groups.
/// </summary>
public sealed class OurFiles : IDisposable
{
    /// <summary>Rows of the matrix files: three row groups.</summary>
    public const int Rows = 2_500;

    /// <summary>Rows per row group.</summary>
    public const int RowGroupRows = 1_000;

    /// <summary>Rows per batch handed to the writer.</summary>
    public const int BatchRows = 128;

    /// <summary>Target page size: several pages per column chunk.</summary>
    public const int PageBytes = 2_048;

    /// <summary>The fallback files' dictionary limit.</summary>
    public const int FallbackDictionaryBytes = 256;

    private readonly PeerTestFiles _files = new();
    private readonly Lazy<ConformanceTable> _table = new(() => ConformanceTable.Build(Rows, seed: 20240229));

    /// <summary>The table every matrix file holds.</summary>
    internal ConformanceTable Table => _table.Value;

    /// <summary>The folder (for tests' own files).</summary>
    public Cli.Tests.Harness.TempDir Dir => _files.Dir;

    /// <summary>The options a matrix file is written with.</summary>
    public static ParquetWriteOptions Options(ParquetCompression codec, DictionaryMode mode) => new()
    {
        Compression = new ParquetCompressionOptions(codec),
        RowGroupRows = RowGroupRows,
        PageBytes = PageBytes,
        Dictionary = mode != DictionaryMode.Off,
        DictionaryBytes = mode == DictionaryMode.Fallback ? FallbackDictionaryBytes : ParquetWriteOptions.DefaultDictionaryBytes,
    };

    /// <summary>The file of one matrix cell.</summary>
    public Task<string> FileAsync(ParquetCompression codec, DictionaryMode mode) => _files.OnceAsync($"{codec}-{mode}", async dir =>
    {
        var path = dir.File($"ours-{codec}-{mode}.parquet".ToLowerInvariant());
        await Table.WriteAsync(path, Options(codec, mode), BatchRows);
        return path;
    });

    /// <summary>Runs <paramref name="make"/> once for <paramref name="key"/>.</summary>
    public Task<T> OnceAsync<T>(string key, Func<Cli.Tests.Harness.TempDir, Task<T>> make)
        where T : notnull => _files.OnceAsync(key, make);

    /// <summary>Deletes the folder.</summary>
    public void Dispose() => _files.Dispose();
}
