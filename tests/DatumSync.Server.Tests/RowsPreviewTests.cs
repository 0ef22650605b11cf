using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DatumSync.Server.Tests;

/// <summary><c>GET /api/datasets/{id}/rows</c>: paging and the where syntax.</summary>
public sealed class RowsPreviewTests : IAsyncLifetime
{
    private ServerHost _host = null!;
    private string _rows = null!;

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync(workers: 0);
        var dataset = (await (await _host.PostFileAsync("/api/datasets", "rows.csv", SampleData.Csv("rows"))).JsonAsync()).GetProperty("dataset");
        _rows = dataset.GetProperty("links").GetProperty("rows").GetString()!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonElement> Page(string query)
    {
        using var response = await _host.Client.GetAsync(_rows + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("rows").EnumerateArray().Select(r => r[0].GetInt64())];

    [Fact]
    public async Task Columns_and_typed_values_come_first_then_pages_follow_skip_and_limit()
    {
        var page = await Page("?limit=2");
        page.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("type").GetString()).Should().Equal("int64", "string", "decimal(18,1)", "date", "string");
        var first = page.GetProperty("rows")[0];
        first[0].GetInt64().Should().Be(1);
        first[1].GetString().Should().Be("alpha 1");
        first[2].GetString().Should().Be("1.5"); // decimals keep their exact text
        first[3].GetString().Should().Be("2024-01-02");
        page.GetProperty("hasMore").GetBoolean().Should().BeTrue();

        Ids(await Page("?skip=48&limit=10")).Should().Equal(49, 50);
        (await Page("?skip=48&limit=10")).GetProperty("hasMore").GetBoolean().Should().BeFalse();
        Ids(await Page("")).Should().HaveCount(50);
    }

    [Fact]
    public async Task Where_clauses_filter_by_number_text_substring_and_date()
    {
        Ids(await Page("?where=" + Uri.EscapeDataString("id>45"))).Should().Equal(46, 47, 48, 49, 50);
        Ids(await Page("?where=" + Uri.EscapeDataString("amount<=3"))).Should().Equal(1, 2);
        Ids(await Page("?where=" + Uri.EscapeDataString("name=beta 4"))).Should().Equal(4);
        Ids(await Page("?where=" + Uri.EscapeDataString("name~GAMMA;id<10"))).Should().Equal(3, 6, 9);
        Ids(await Page("?where=" + Uri.EscapeDataString("day>=2024-02-18 && id!=49"))).Should().Equal(48, 50);
        Ids(await Page("?where=" + Uri.EscapeDataString("name~gamma") + "&skip=1&limit=2")).Should().Equal(6, 9);
    }

    [Fact]
    public async Task An_unknown_column_in_where_answers_400_naming_it()
    {
        using var response = await _host.Client.GetAsync(_rows + "?where=" + Uri.EscapeDataString("price>5"));
        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("where")[0].GetString().Should().Contain("unknown column 'price'");
    }

    [Fact]
    public async Task A_non_number_against_a_numeric_column_or_a_clause_without_operator_answers_400()
    {
        var notNumber = await (await _host.Client.GetAsync(_rows + "?where=" + Uri.EscapeDataString("amount>lots"))).ShouldBeProblemAsync(400);
        notNumber.GetProperty("detail").GetString().Should().Contain("'lots' is not a number");
        await (await _host.Client.GetAsync(_rows + "?where=justtext")).ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task A_limit_above_1000_answers_400()
    {
        var problem = await (await _host.Client.GetAsync(_rows + "?limit=1001")).ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("limit")[0].GetString().Should().Contain("1000");
    }

    [Fact]
    public async Task The_dataset_shows_its_schema_size_hash_and_format()
    {
        var list = await _host.Client.GetFromJsonAsync<JsonElement>("/api/datasets");
        var id = list[0].GetProperty("id").GetString();
        var dataset = await _host.Client.GetFromJsonAsync<JsonElement>($"/api/datasets/{id}");
        dataset.GetProperty("format").GetString().Should().Be("csv");
        dataset.GetProperty("sizeBytes").GetInt64().Should().Be(SampleData.Csv("rows").Length);
        dataset.GetProperty("sha256").GetString().Should().HaveLength(64);
        dataset.GetProperty("schema")[2].GetProperty("type").GetString().Should().Be("decimal(18,1)");
    }

    [Fact]
    public async Task A_zero_byte_csv_is_a_dataset_with_no_columns_whose_preview_is_an_empty_page()
    {
        using var upload = await _host.PostFileAsync("/api/datasets", "empty.csv", []);
        upload.StatusCode.Should().Be(HttpStatusCode.Created, await upload.Content.ReadAsStringAsync());
        var dataset = (await upload.JsonAsync()).GetProperty("dataset");
        dataset.GetProperty("sizeBytes").GetInt64().Should().Be(0);
        dataset.GetProperty("format").GetString().Should().Be("csv");
        dataset.GetProperty("schema").GetArrayLength().Should().Be(0);

        using var preview = await _host.Client.GetAsync(dataset.GetProperty("links").GetProperty("rows").GetString());
        preview.StatusCode.Should().Be(HttpStatusCode.OK, await preview.Content.ReadAsStringAsync());
        var page = await preview.JsonAsync();
        page.GetProperty("columns").GetArrayLength().Should().Be(0);
        page.GetProperty("rows").GetArrayLength().Should().Be(0);
        page.GetProperty("hasMore").GetBoolean().Should().BeFalse();
    }
}
