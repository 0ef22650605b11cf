using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Xml;

namespace DatumSync.Data.Tests.Xml;

public class XmlFormatTests
{
    private static readonly XmlFormat Format = new();

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><r/>")]
    [InlineData("<orders><order/></orders>")]
    [InlineData("  \r\n\t<r/>")]
    [InlineData("<!-- comment --><r/>")]
    [InlineData("<!DOCTYPE r><r/>")]
    public void Xml_text_sniffs_at_70(string head) => Format.Sniff(Encoding.UTF8.GetBytes(head)).Should().Be(70);

    [Fact]
    public void Xml_after_a_byte_order_mark_or_in_utf16_sniffs_at_70()
    {
        Format.Sniff(new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes("<r/>")).ToArray()).Should().Be(70);
        Format.Sniff(new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes("<r/>")).ToArray()).Should().Be(70);
        Format.Sniff(new UnicodeEncoding(true, true).GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(" <r/>")).ToArray()).Should().Be(70);
        Format.Sniff(Encoding.Unicode.GetBytes("<r/>")).Should().Be(70);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[{\"a\":1}]")]
    [InlineData("{\"a\":1}\n{\"a\":2}")]
    [InlineData("id,name\n1,<b>\n")]
    [InlineData("< 5")]
    [InlineData("<5,3>")]
    public void Json_csv_and_other_text_are_not_claimed(string head) => Format.Sniff(Encoding.UTF8.GetBytes(head)).Should().Be(0);

    [Fact]
    public void The_registry_reads_xml_but_never_writes_it()
    {
        var registry = FormatRegistry.Default;
        registry.Find("xml").Should().BeOfType<XmlFormat>();
        var source = DataSource.FromBytes(Encoding.UTF8.GetBytes("<r><p/><p/></r>"), "data");
        registry.ResolveForRead(source, null, Encoding.UTF8.GetBytes("<r><p/><p/></r>")).Name.Should().Be("xml");
        registry.ResolveForRead(DataSource.FromBytes([], "x.xml"), null, default).Name.Should().Be("xml");
        var write = () => registry.ResolveForWrite("out.xml", null);
        write.Should().Throw<DataFormatException>().WithMessage("*cannot write format 'xml'*");
    }

    [Fact]
    public void Creating_a_writer_says_xml_is_read_only()
    {
        var act = () => Format.CreateWriter(new MemoryStream(), new Schema([]), new WriteOptions());
        act.Should().Throw<NotSupportedException>().WithMessage("*reads XML but cannot write it*");
        Format.CanRead.Should().BeTrue();
        Format.CanWrite.Should().BeFalse();
    }

    [Fact]
    public async Task TableReader_detects_xml_without_a_format_name()
    {
        var bytes = Encoding.UTF8.GetBytes("<r><p><a>1</a></p><p><a>2</a></p></r>");
        await using var reader = await TableReader.OpenAsync(DataSource.FromBytes(bytes, "data.bin"));
        reader.Should().BeOfType<XmlRecordReader>();
        var t = await TableHelpers.DrainAsync(reader);
        t.Column("a").Should().Equal(1L, 2L);
    }
}
