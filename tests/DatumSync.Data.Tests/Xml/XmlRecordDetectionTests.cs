using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Xml;
using static DatumSync.Data.Tests.Xml.XmlTestFiles;

namespace DatumSync.Data.Tests.Xml;

public class XmlRecordDetectionTests
{
    [Fact]
    public async Task The_most_repeated_child_element_is_the_record()
    {
        var t = await ReadXmlAsync("""
            <export>
              <meta><generated>2024-01-01</generated><tag>a</tag><tag>b</tag></meta>
              <orders>
                <order><id>1</id><items><item>x</item><item>y</item></items></order>
                <order><id>2</id><items><item>z</item></items></order>
                <order><id>3</id></order>
              </orders>
            </export>
            """);
        t.Diagnostics!.Properties.Single(p => p.Key == "record element").Value.Should().Be("order");
        t.Diagnostics.Properties.Single(p => p.Key == "found by").Value.Should().Contain("repeats 3 times under /export/orders");
        t.Column("id").Should().Equal(1L, 2L, 3L);
        t.Column("items.item").Should().Equal("[\"x\",\"y\"]", "z", null);
    }

    [Fact]
    public async Task Lists_inside_each_record_do_not_outvote_the_records()
    {
        // Three lines per order, but only one <lines> per parent: the orders (four under one parent) win.
        var t = await ReadXmlAsync(Orders(4, i => $"<order><n>{i}</n><lines><line>a</line><line>b</line><line>c</line></lines></order>"));
        t.Diagnostics!.Properties.Single(p => p.Key == "record element").Value.Should().Be("order");
        t.Rows.Should().HaveCount(4);
    }

    [Fact]
    public async Task The_record_element_option_overrides_detection()
    {
        var xml = "<r><p><q>1</q><q>2</q><q>3</q></p><p><q>4</q></p></r>";
        var detected = await ReadXmlAsync(xml);
        detected.Diagnostics!.Properties.Single(p => p.Key == "record element").Value.Should().Be("q");
        detected.Rows.Should().HaveCount(4);

        var given = await ReadXmlAsync(xml, new ReadOptions { RecordElement = "p" });
        given.Rows.Should().HaveCount(2);
        given.Column("q").Should().Equal("[\"1\",\"2\",\"3\"]", "4");
        given.Diagnostics!.Properties.Single(p => p.Key == "found by").Value.Should().Contain("--record-element");
    }

    [Fact]
    public async Task A_prefixed_record_element_option_matches_by_local_name()
    {
        var t = await ReadXmlAsync("<x:r xmlns:x=\"urn:x\"><x:p><x:a>1</x:a></x:p></x:r>", new ReadOptions { RecordElement = "x:p" });
        t.Column("a").Should().Equal(1L);
    }

    [Fact]
    public async Task A_single_record_needs_the_option_and_then_reads()
    {
        const string xml = "<orders><order><id>1</id></order></orders>";
        var act = () => ReadXmlAsync(xml);
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Message.Should().Contain("test.xml").And.Contain("--record-element").And.Contain("<orders>");

        var t = await ReadXmlAsync(xml, new ReadOptions { RecordElement = "order" });
        t.Column("id").Should().Equal(1L);
    }

    [Fact]
    public async Task A_record_element_that_is_not_in_the_document_gives_no_rows_and_a_warning()
    {
        var t = await ReadXmlAsync("<orders><order/><order/></orders>", new ReadOptions { RecordElement = "ordr" });
        t.Rows.Should().BeEmpty();
        t.Schema.Count.Should().Be(0);
        t.Diagnostics!.Warnings.Should().Contain(w => w.Contains("<ordr>") && w.Contains("--record-element"));
    }

    [Theory]
    [InlineData("1 bad")]
    [InlineData("<>")]
    public async Task An_invalid_record_element_name_is_an_error(string name)
    {
        var act = () => ReadXmlAsync("<r><p/><p/></r>", new ReadOptions { RecordElement = name });
        (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("not an XML element name");
    }

    [Fact]
    public async Task A_source_read_once_needs_the_record_element()
    {
        var bytes = Encoding.UTF8.GetBytes("<r><p><a>1</a></p><p><a>2</a></p></r>");
        var act = async () => await XmlRecordReader.OpenAsync(DataSource.FromStream(new MemoryStream(bytes), "stdin"));
        (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("--record-element").And.Contain("read only once");

        await using var reader = await XmlRecordReader.OpenAsync(DataSource.FromStream(new MemoryStream(bytes), "stdin"), new ReadOptions { RecordElement = "p" });
        var t = await TableHelpers.DrainAsync(reader);
        t.Column("a").Should().Equal(1L, 2L);
    }

    [Fact]
    public async Task Detection_reads_only_the_head_of_a_large_document()
    {
        // A malformed tail past the detection budget does not affect detection; it fails the full read.
        var sb = new StringBuilder("<r>");
        for (var i = 0; i < 100_000; i++)
            sb.Append("<p><a>").Append(i).Append("</a></p>");
        sb.Append("<p><a>oops</b></p></r>");
        var act = () => ReadXmlAsync(sb.ToString(), new ReadOptions { InferenceRows = 10 });
        var e = (await act.Should().ThrowAsync<DataFormatException>()).Which;
        e.Message.Should().Contain("row 100001").And.Contain("malformed XML");
    }
}
