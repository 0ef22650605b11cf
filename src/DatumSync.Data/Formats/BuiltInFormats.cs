using DatumSync.Data.Formats.Excel;

namespace DatumSync.Data.Formats;

/// <summary>The formats this assembly implements.</summary>
internal static class BuiltInFormats
{
    public static IEnumerable<IFileFormat> All()
    {
        yield return new XlsxFormat();
        yield return new XlsFormat();
    }
}
