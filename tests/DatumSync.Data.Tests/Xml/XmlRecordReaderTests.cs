using DatumSync.Data.Formats;
using static DatumSync.Data.Tests.Xml.XmlTestFiles;

namespace DatumSync.Data.Tests.Xml;

public class XmlRecordReaderTests
{
    [Fact]
    public async Task Attributes_and_child_elements_become_columns()
    {
        var t = await ReadXmlAsync("""
            <orders>
              <order id="1" status="open"><customer>Ann</customer><total>10.50</total></order>
              <order id="2" status="closed"><customer>Bob</customer><total>3.25</total></order>
            </orders>
            """);
        t.Schema.Select(f => f.Name).Should().Equal("id", "status", "customer", "total");
        t.Rows.Should().HaveCount(2);
        t.Column("id").Should().Equal(1L, 2L);
        t.Column("status").Should().Equal("open", "closed");
        t.Column("customer").Should().Equal("Ann", "Bob");
        t.Column("total").Select(v => v!.ToString()).Should().Equal("10.50", "3.25");
    }

    [Fact]
    public async Task Nested_elements_flatten_to_dotted_names()
    {
        var t = await ReadXmlAsync("""
            <people>
              <person><name>Ann</name><address><city>Oslo</city><geo><lat>59.9</lat></geo></address></person>
              <person><name>Bob</name><address><city>Rome</city><geo><lat>41.9</lat></geo></address></person>
            </people>
            """);
        t.Schema.Select(f => f.Name).Should().Equal("name", "address.city", "address.geo.lat");
        t.Column("address.city").Should().Equal("Oslo", "Rome");
        t.Column("address.geo.lat").Select(v => v!.ToString()).Should().Equal("59.9", "41.9");
    }

    [Fact]
    public async Task Attributes_of_children_are_named_child_dot_attribute()
    {
        var t = await ReadXmlAsync("""
            <items>
              <item><price currency="EUR">12.50</price></item>
              <item><price currency="USD">7</price></item>
            </items>
            """);
        t.Schema.Select(f => f.Name).Should().Equal("price.currency", "price");
        t.Column("price.currency").Should().Equal("EUR", "USD");
    }

    [Fact]
    public async Task An_attribute_that_clashes_with_a_child_element_keeps_its_at_sign()
    {
        var t = await ReadXmlAsync("""
            <rows>
              <row id="a1"><id>1</id></row>
              <row id="a2"><id>2</id></row>
            </rows>
            """);
        t.Schema.Select(f => f.Name).Should().Equal("@id", "id");
        t.Column("@id").Should().Equal("a1", "a2");
        t.Column("id").Should().Equal(1L, 2L);
    }

    [Fact]
    public async Task The_record_elements_own_text_is_named_after_it()
    {
        var t = await ReadXmlAsync("<tags><tag lang=\"en\">red</tag><tag lang=\"de\">rot</tag></tags>");
        t.Schema.Select(f => f.Name).Should().Equal("lang", "tag");
        t.Column("tag").Should().Equal("red", "rot");
    }

    [Fact]
    public async Task Types_are_inferred_like_csv()
    {
        var t = await ReadXmlAsync(Orders(3, i => $"""
            <order><n>{i + 1}</n><amount>{i}.25</amount><day>2024-01-0{i + 1}</day><paid>{(i % 2 == 0 ? "true" : "false")}</paid><zip>0{i}123</zip><at>2024-01-02T03:04:0{i}</at></order>
            """));
        t.Schema.Select(f => f.Type.ToString()).Should().Equal("int64", "decimal(18,2)", "date", "boolean", "string", "timestamp");
        t.Column("n").Should().Equal(1L, 2L, 3L);
        t.Column("day")[2].Should().Be(new DateOnly(2024, 1, 3));
        t.Column("paid").Should().Equal(true, false, true);
        t.Column("zip").Should().Equal("00123", "01123", "02123");
        t.Column("at")[1].Should().Be(new DateTime(2024, 1, 2, 3, 4, 1));
        t.Diagnostics!.InferredColumns![4].Notes.Should().Contain(n => n.Contains("leading zeros"));
    }

    [Fact]
    public async Task Empty_elements_whitespace_and_null_tokens_are_nulls()
    {
        var t = await ReadXmlAsync("""
            <rows>
              <row><a>1</a><b>x</b><c/></row>
              <row><a>   </a><b></b><c/></row>
              <row><a>NA</a><b>
                 </b><c/></row>
              <row><b>y</b></row>
            </rows>
            """);
        t.Schema.Select(f => f.Name).Should().Equal("a", "b", "c");
        t.Schema[0].Type.Should().Be(DataType.Int64);
        t.Column("a").Should().Equal(new object?[] { 1L, null, null, null });
        t.Column("b").Should().Equal(new object?[] { "x", null, null, "y" });
        t.Column("c").Should().Equal(new object?[] { null, null, null, null });
    }

    [Fact]
    public async Task Xsi_nil_is_null_and_xsi_attributes_are_not_columns()
    {
        var t = await ReadXmlAsync("""
            <rows xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
              <row><n>1</n></row>
              <row><n xsi:nil="true"/></row>
              <row><n xsi:type="xs:int">3</n></row>
            </rows>
            """);
        t.Schema.Select(f => f.Name).Should().Equal("n");
        t.Column("n").Should().Equal(1L, null, 3L);
    }

    [Fact]
    public async Task Cdata_is_text()
    {
        var t = await ReadXmlAsync("""
            <notes>
              <note><body><![CDATA[a <b> & "c"]]></body></note>
              <note><body>plain &amp; <![CDATA[mixed]]></body></note>
            </notes>
            """);
        t.Column("body").Should().Equal("a <b> & \"c\"", "plain & mixed");
    }

    [Fact]
    public async Task Repeated_children_keep_every_value_as_a_json_array_and_warn()
    {
        var t = await ReadXmlAsync("""
            <books>
              <book><title>A</title><author>Ann</author><author>Bo "B"</author></book>
              <book><title>B</title><author>Cy</author></book>
              <book><title>C</title></book>
            </books>
            """);
        t.Column("author").Should().Equal("[\"Ann\",\"Bo \\\"B\\\"\"]", "Cy", null);
        t.Diagnostics!.Warnings.Should().Contain(w => w.Contains("'author'") && w.Contains("record 1") && w.Contains("JSON array"));
    }

    [Fact]
    public async Task Repeated_numbers_make_a_text_column_rather_than_losing_values()
    {
        var t = await ReadXmlAsync("<r><x><n>1</n></x><x><n>2</n><n>3</n></x></r>");
        t.Schema[0].Type.Should().Be(DataType.String);
        t.Column("n").Should().Equal("1", "[\"2\",\"3\"]");
    }

    [Fact]
    public async Task Namespaces_use_local_names()
    {
        var t = await ReadXmlAsync("""
            <a:feed xmlns:a="urn:a" xmlns:b="urn:b">
              <a:entry b:id="1"><a:title>One</a:title></a:entry>
              <a:entry b:id="2"><a:title>Two</a:title></a:entry>
            </a:feed>
            """);
        t.Schema.Select(f => f.Name).Should().Equal("id", "title");
        t.Column("title").Should().Equal("One", "Two");
        t.Diagnostics!.Properties.Single(p => p.Key == "record element").Value.Should().Be("entry");
        t.Diagnostics.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task Two_namespaces_meeting_at_one_name_are_reported_and_both_values_kept()
    {
        var t = await ReadXmlAsync("""
            <rows xmlns:a="urn:a" xmlns:b="urn:b">
              <row><a:code>1</a:code><b:code>X</b:code></row>
              <row><a:code>2</a:code></row>
            </rows>
            """);
        t.Column("code").Should().Equal("[\"1\",\"X\"]", "2");
        t.Diagnostics!.Warnings.Should().Contain(w => w.Contains("'urn:a'") && w.Contains("'urn:b'"));
    }

    [Fact]
    public async Task Comments_and_processing_instructions_are_skipped()
    {
        var t = await ReadXmlAsync("<r><!-- c --><i><?pi x?><v>1<!-- inside --></v></i><i><v>2</v></i></r>");
        t.Column("v").Should().Equal(1L, 2L);
    }

    [Fact]
    public async Task Containers_that_are_sometimes_empty_get_no_column_of_their_own()
    {
        var t = await ReadXmlAsync("<r><p><address><city>Oslo</city></address></p><p><address/></p></r>");
        t.Schema.Select(f => f.Name).Should().Equal("address.city");
        t.Column("address.city").Should().Equal(new object?[] { "Oslo", null });
    }

    [Fact]
    public async Task Names_made_equal_by_flattening_are_made_unique()
    {
        var t = await ReadXmlAsync("<r><p><a><b>1</b></a><a.b>2</a.b></p><p><a><b>3</b></a><a.b>4</a.b></p></r>");
        t.Schema.Select(f => f.Name).Should().Equal("a.b", "a.b_2");
        t.Column("a.b_2").Should().Equal(2L, 4L);
        t.Diagnostics!.Warnings.Should().Contain(w => w.Contains("a.b_2"));
    }

    [Fact]
    public async Task Type_overrides_all_strings_and_null_tokens_apply()
    {
        var xml = "<r><p><zip>02134</zip><n>1</n><s>-</s></p><p><zip>10001</zip><n>2</n><s>x</s></p></r>";
        var overridden = await ReadXmlAsync(xml, new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["zip"] = DataType.Int64, ["n"] = DataType.String } });
        overridden.Column("zip").Should().Equal(2134L, 10001L);
        overridden.Column("n").Should().Equal("1", "2");

        var strings = await ReadXmlAsync(xml, new ReadOptions { AllStrings = true });
        strings.Schema.Select(f => f.Type).Should().AllBeEquivalentTo(DataType.String);

        var nulls = await ReadXmlAsync(xml, new ReadOptions { NullTokens = ["-"] });
        nulls.Column("s").Should().Equal(new object?[] { null, "x" });
    }

    [Fact]
    public async Task An_override_for_a_missing_column_lists_the_columns()
    {
        var act = () => ReadXmlAsync("<r><p><a>1</a></p><p><a>2</a></p></r>", new ReadOptions { ColumnTypes = new Dictionary<string, DataType> { ["b"] = DataType.Int64 } });
        (await act.Should().ThrowAsync<DataFormatException>()).Which.Message.Should().Contain("'b'").And.Contain("columns: a");
    }

    [Fact]
    public async Task Diagnostics_report_encoding_and_record_element()
    {
        var t = await ReadXmlAsync("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><p><a>1</a></p><p><a>2</a></p></r>");
        var properties = t.Diagnostics!.Properties.ToDictionary(p => p.Key, p => p.Value);
        properties["encoding"].Should().Be("iso-8859-1");
        properties["record element"].Should().Be("p");
        properties["found by"].Should().Contain("repeats 2 times under /r");
        t.Diagnostics.InferredColumns.Should().HaveCount(1);
    }

    [Fact]
    public async Task A_declared_single_byte_encoding_is_decoded()
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r><p><a>café</a></p><p><a>Zürich</a></p></r>");
        var t = await ReadXmlAsync(bytes);
        t.Column("a").Should().Equal("café", "Zürich");
    }

    [Fact]
    public async Task Utf16_with_a_byte_order_mark_is_read()
    {
        var t = await ReadXmlAsync("<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<r><p><a>Ünïcode</a><n>1</n></p><p><a>text</a><n>2</n></p></r>",
            encoding: new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        t.Column("a").Should().Equal("Ünïcode", "text");
        t.Column("n").Should().Equal(1L, 2L);
        t.Diagnostics!.Properties.Single(p => p.Key == "encoding").Value.Should().StartWith("utf-16le");
    }

    [Fact]
    public async Task Big_endian_utf16_is_read_too()
    {
        var t = await ReadXmlAsync("<r><p><a>x</a></p><p><a>y</a></p></r>", encoding: new System.Text.UnicodeEncoding(bigEndian: true, byteOrderMark: true));
        t.Column("a").Should().Equal("x", "y");
        t.Diagnostics!.Properties.Single(p => p.Key == "encoding").Value.Should().StartWith("utf-16be");
    }

    [Fact]
    public async Task A_utf8_byte_order_mark_is_accepted()
    {
        var t = await ReadXmlAsync("<r><p><a>x</a></p><p><a>y</a></p></r>", encoding: new System.Text.UTF8Encoding(true));
        t.Column("a").Should().Equal("x", "y");
        t.Diagnostics!.Properties.Single(p => p.Key == "encoding").Value.Should().Be("utf-8-bom");
    }

    [Fact]
    public async Task Empty_records_are_rows_of_nulls()
    {
        var t = await ReadXmlAsync("<r><p><a>1</a></p><p/><p></p></r>");
        t.Rows.Should().HaveCount(3);
        t.Column("a").Should().Equal(1L, null, null);
    }
}
