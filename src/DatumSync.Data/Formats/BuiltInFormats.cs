using DatumSync.Data.Formats.Csv;
using DatumSync.Data.Formats.Excel;
using DatumSync.Data.Formats.Json;
using DatumSync.Data.Formats.Xml;

namespace DatumSync.Data.Formats;

/// <summary>The formats this assembly implements.</summary>
internal static class BuiltInFormats
{
    public static IEnumerable<IFileFormat> All()
    {
        yield return new CsvFormat();
        yield return new TsvFormat();
        yield return new JsonFormat();
        yield return new NdjsonFormat();
        yield return new XlsxFormat();
        yield return new XlsFormat();
        yield return new XmlFormat();
    }
}
