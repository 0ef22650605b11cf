using DatumSync.Data.Formats.Csv;
using DatumSync.Data.Formats.Xml;

namespace DatumSync.Data.Formats;

/// <summary>The formats this assembly implements.</summary>
internal static class BuiltInFormats
{
    public static IEnumerable<IFileFormat> All()
    {
        yield return new CsvFormat();
        yield return new TsvFormat();
        yield return new XmlFormat();
    }
}
