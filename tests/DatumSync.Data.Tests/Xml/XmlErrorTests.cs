using System.Diagnostics;
using System.Text;
using DatumSync.Data.Formats;
using static DatumSync.Data.Tests.Xml.XmlTestFiles;

namespace DatumSync.Data.Tests.Xml;

public class XmlErrorTests
{
    [Fact]
    public async Task Malformed_xml_names_file_line_position_and_expectation()
    {
        var act = () => ReadXmlAsync("<orders>\n  <order><id>1</id></order>\n  <order><id>2</ids></order>\n</orders>\n", new ReadOptions { RecordElement = "order" });
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Line.Should().Be(3);
        e.Row.Should().Be(2);
        e.Message.Should().Contain("test.xml").And.Contain("row 2 (line 3)").And.Contain("position").And.Contain("'id'").And.Contain("'ids'");
    }

    [Fact]
    public async Task Malformed_xml_found_during_detection_is_the_same_clean_error()
    {
        var act = () => ReadXmlAsync("<r>\n<p><a>1</a></p>\n<p><a>2</a></p>\n<p <a>3</a></p>\n</r>");
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Line.Should().Be(4);
        e.Message.Should().Contain("malformed XML at position");
    }

    [Fact]
    public async Task A_truncated_file_is_a_clean_error()
    {
        var full = Orders(50, i => $"<order><id>{i}</id></order>");
        var act = () => ReadXmlAsync(full[..(full.Length / 2)]);
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Message.Should().Contain("ends early").And.Contain("truncated");
        e.InnerException.Should().BeOfType<System.Xml.XmlException>();
    }

    [Fact]
    public async Task A_missing_closing_root_tag_is_a_clean_error()
    {
        var act = () => ReadXmlAsync("<r><p><a>1</a></p><p><a>2</a></p>");
        (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("ends early");
    }

    [Fact]
    public async Task Text_that_is_not_xml_is_a_clean_error()
    {
        var act = () => ReadXmlAsync("id,name\n1,Ann\n");
        (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("malformed XML");
    }

    [Fact]
    public async Task An_empty_file_is_a_clean_error()
    {
        var act = () => ReadXmlAsync("");
        (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("test.xml");
    }

    [Fact]
    public async Task Entity_expansion_bombs_are_refused_quickly()
    {
        var sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++)
            sb.Append($" <!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString())};", 10))}\">\n");
        sb.Append("]>\n<lolz><lol>&lol9;</lol><lol>&lol9;</lol></lolz>");
        var clock = Stopwatch.StartNew();
        var act = () => ReadXmlAsync(sb.ToString());
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        e.Message.Should().Contain("lol9").And.Contain("DTDs are ignored");
    }

    [Fact]
    public async Task External_entities_are_never_fetched()
    {
        var secret = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(secret, "TOP-SECRET");
            var xml = $"<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file://{secret}\">]>\n<r><p><a>&xxe;</a></p><p><a>x</a></p></r>";
            var act = () => ReadXmlAsync(xml);
            var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
            e.Message.Should().NotContain("TOP-SECRET").And.Contain("xxe");
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public async Task A_harmless_doctype_is_ignored_with_a_warning()
    {
        var t = await ReadXmlAsync("<?xml version=\"1.0\"?>\n<!DOCTYPE r SYSTEM \"http://example.invalid/r.dtd\">\n<r><p><a>1</a></p><p><a>2</a></p></r>");
        t.Column("a").Should().Equal(1L, 2L);
        t.Diagnostics!.Warnings.Should().Contain(w => w.Contains("DTD") && w.Contains("ignored"));
    }

    [Fact]
    public async Task A_column_first_seen_after_the_sample_names_the_element_and_record()
    {
        var xml = Orders(30, i => i == 25 ? "<order><id>25</id><address><zip>123</zip></address></order>" : $"<order><id>{i}</id><address><city>c</city></address></order>");
        var act = () => ReadXmlAsync(xml, new ReadOptions { InferenceRows = 10 });
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Row.Should().Be(26);
        e.ColumnName.Should().Be("address.zip");
        e.Message.Should().Contain("<zip>").And.Contain("--infer-rows").And.Contain("first 10 records");

        var t = await ReadXmlAsync(xml, new ReadOptions { InferenceRows = 100 });
        t.Column("address.zip").Count(v => v is not null).Should().Be(1);
    }

    [Fact]
    public async Task An_attribute_first_seen_after_the_sample_is_reported_too()
    {
        var xml = Orders(30, i => i == 20 ? "<order id=\"20\" rush=\"yes\"/>" : $"<order id=\"{i}\"/>");
        var act = () => ReadXmlAsync(xml, new ReadOptions { InferenceRows = 10 });
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.ColumnName.Should().Be("rush");
        e.Message.Should().Contain("attribute 'rush'").And.Contain("--infer-rows");
    }

    [Fact]
    public async Task An_empty_element_first_seen_after_the_sample_loses_nothing_and_is_no_error()
    {
        var xml = Orders(30, i => i == 20 ? "<order><id>20</id><note/></order>" : $"<order><id>{i}</id></order>");
        var t = await ReadXmlAsync(xml, new ReadOptions { InferenceRows = 10 });
        t.Rows.Should().HaveCount(30);
        t.Schema.Select(f => f.Name).Should().Equal("id");
    }

    [Fact]
    public async Task After_an_error_the_reader_keeps_failing_with_it()
    {
        var bytes = Encoding.UTF8.GetBytes("<r><p><a>1</a></p><p><a>2</a></p><p><a>3</b></p></r>");
        await using var reader = await DatumSync.Data.Formats.Xml.XmlRecordReader.OpenAsync(DataSource.FromBytes(bytes, "e.xml"), new ReadOptions { InferenceRows = 1, BatchRows = 1, RecordElement = "p" });
        (await reader.ReadNextBatchAsync())!.Dispose();
        (await reader.ReadNextBatchAsync())!.Dispose();
        var first = async () => await reader.ReadNextBatchAsync();
        await first.Should().ThrowAsync<DataFormatException>();
        await first.Should().ThrowAsync<DataFormatException>();
    }
}
