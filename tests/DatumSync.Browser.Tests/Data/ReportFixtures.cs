using DatumSync.Cli.Tests.Harness;
using DatumSync.Modules.Profile.Html;

namespace DatumSync.Browser.Tests.Data;

/// <summary>The hand-written report fixtures under <c>Data/</c> and pages written from them.</summary>
public static class ReportFixtures
{
    /// <summary>Every column kind, nulls, an all-null column, markup and line separators in names and values.</summary>
    public const string Mixed = "mixed.json";

    /// <summary><see cref="Mixed"/> with a <c>comparison</c> block: schema changes and drift of every level.</summary>
    public const string Comparison = "comparison.json";

    /// <summary>Fields absent or null wherever the shape allows it, a one-bin histogram, a non-string column name.</summary>
    public const string Sparse = "sparse.json";

    /// <summary>The bytes of a fixture file.</summary>
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", name));

    /// <summary>The page for <paramref name="reportJson"/> as bytes.</summary>
    public static byte[] Page(byte[] reportJson)
    {
        using var stream = new MemoryStream();
        ProfileHtmlReport.Write(stream, reportJson);
        return stream.ToArray();
    }

    /// <summary>Writes the page for <paramref name="reportJson"/> into <paramref name="dir"/> and returns its path.</summary>
    public static string WritePage(TempDir dir, string fileName, byte[] reportJson)
    {
        var path = dir.File(fileName);
        File.WriteAllBytes(path, Page(reportJson));
        return path;
    }
}
