using DatumSync.Benchmarks.Data;

namespace DatumSync.Cli.Tests;

/// <summary>A CSV from <see cref="MixedCsvGenerator"/> with a known row count.</summary>
/// <param name="Path">Where it is (or will be) written.</param>
/// <param name="Rows">Its data rows (the header not counted).</param>
public sealed record GeneratedCsv(string Path, long Rows)
{
    /// <summary>Writes the file if it is not there yet; returns its path.</summary>
    public string Ensure()
    {
        if (!File.Exists(Path))
        {
            var partial = Path + ".partial";
            MixedCsvGenerator.WriteFile(partial, Rows);
            File.Move(partial, Path);
        }
        return Path;
    }
}
