using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Xml;
using static DatumSync.Data.Tests.TableHelpers;

namespace DatumSync.Data.Tests.Xml;

/// <summary>Reads XML text through <see cref="XmlRecordReader"/> into plain rows for assertions.</summary>
internal static class XmlTestFiles
{
    /// <summary>Reads <paramref name="xml"/> encoded as <paramref name="encoding"/> (UTF-8 by default), with its byte order mark if it has one.</summary>
    public static Task<Table> ReadXmlAsync(string xml, ReadOptions? options = null, Encoding? encoding = null)
    {
        encoding ??= new UTF8Encoding(false);
        return ReadXmlAsync([.. encoding.GetPreamble(), .. encoding.GetBytes(xml)], options);
    }

    public static async Task<Table> ReadXmlAsync(byte[] bytes, ReadOptions? options = null, string name = "test.xml")
    {
        await using var reader = await XmlRecordReader.OpenAsync(DataSource.FromBytes(bytes, name), options ?? new ReadOptions());
        return await DrainAsync(reader);
    }

    /// <summary><c>&lt;orders&gt;</c> holding <paramref name="count"/> <c>&lt;order&gt;</c>s made by <paramref name="body"/>.</summary>
    public static string Orders(int count, Func<int, string> body)
    {
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<orders>\n");
        for (var i = 0; i < count; i++)
            sb.Append("  ").Append(body(i)).Append('\n');
        return sb.Append("</orders>\n").ToString();
    }
}
