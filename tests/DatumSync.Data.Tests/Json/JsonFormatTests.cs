using System.Text;
using DatumSync.Data.Formats;
using DatumSync.Data.Formats.Json;

namespace DatumSync.Data.Tests.Json;

public class JsonFormatTests
{
    private static readonly JsonFormat Json = new();
    private static readonly NdjsonFormat Ndjson = new();

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Formats_are_registered_by_name_and_extension()
    {
        FormatRegistry.Default.Find("json").Should().BeOfType<JsonFormat>();
        FormatRegistry.Default.Find("ndjson").Should().BeOfType<NdjsonFormat>();
        FormatRegistry.Default.Find(".jsonl").Should().BeOfType<NdjsonFormat>();
        FormatRegistry.Default.ResolveForWrite("out.ndjson", null).Should().BeOfType<NdjsonFormat>();
    }

    [Theory]
    [InlineData("[{\"a\":1},{\"a\":2}]", 80, 0)]
    [InlineData("\uFEFF \n [\n  {\n", 80, 0)]
    [InlineData("{\"a\":1}\n{\"a\":2}\n{\"a\":3", 40, 80)]
    [InlineData("{\"a\":1}", 70, 50)]
    [InlineData("{\n  \"a\": 1\n}\n", 70, 5)]
    [InlineData("[]", 40, 0)]
    [InlineData("[[1,2]]", 10, 0)]
    [InlineData("a,b\n1,2\n", 0, 0)]
    [InlineData("", 0, 0)]
    public void Sniffing_tells_arrays_from_lines(string head, int json, int ndjson)
    {
        Json.Sniff(Bytes(head)).Should().Be(json);
        Ndjson.Sniff(Bytes(head)).Should().Be(ndjson);
    }

    [Fact]
    public async Task Content_decides_between_json_and_ndjson_without_an_extension()
    {
        var lines = DataSource.FromBytes(Bytes("{\"a\":1}\n{\"a\":2}\n"), "data");
        (await TableReader.DetectFormatAsync(lines, null)).Should().BeOfType<NdjsonFormat>();
        var array = DataSource.FromBytes(Bytes("[{\"a\":1}]"), "data");
        (await TableReader.DetectFormatAsync(array, null)).Should().BeOfType<JsonFormat>();
    }

    [Fact]
    public async Task Ndjson_in_a_json_file_is_read_by_the_json_reader()
    {
        var source = DataSource.FromBytes(Bytes("{\"a\":1}\n{\"a\":2}\n"), "data.json");
        (await TableReader.DetectFormatAsync(source, null)).Should().BeOfType<JsonFormat>();
        var (_, rows, _) = await TestBatches.ReadAllAsync(await TableReader.OpenAsync(source));
        rows.Should().HaveCount(2);
    }
}
