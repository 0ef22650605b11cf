using DatumSync.Data.Formats.Csv;

namespace DatumSync.Data.Formats;

/// <summary>The formats this assembly implements.</summary>
internal static class BuiltInFormats
{
    public static IEnumerable<IFileFormat> All()
    {
        yield return new CsvFormat();
        yield return new TsvFormat();
    }
}
