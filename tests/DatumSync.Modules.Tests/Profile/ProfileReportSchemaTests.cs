using System.Text.Json;
using DatumSync.Modules.Profile;

namespace DatumSync.Modules.Tests.Profile;

/// <summary>The published JSON Schema (docs/profile-report.schema.json) against real reports.</summary>
public class ProfileReportSchemaTests
{
    private static JsonSchemaChecker Checker()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(JsonSchemaChecker.RepoFile("docs", "profile-report.schema.json")));
        return new JsonSchemaChecker(schema.RootElement.Clone());
    }

    [Fact]
    public async Task A_report_of_every_kind_of_column_with_a_comparison_conforms_to_the_published_schema()
    {
        var csv = "id,name,amount,day,stamp,flag,empty\n" + string.Join("\n", Enumerable.Range(0, 300).Select(i =>
            $"{i},n{i % 7},{i * 1.25:0.00},2024-01-{i % 28 + 1:00},2024-02-03T10:{i % 60:00}:00Z,{(i % 3 == 0 ? "true" : "false")},")) + "\n";
        var baseline = ProfileJson.Serialize(await ProfileTestData.ProfileAsync(csv));
        var report = ProfileJson.WithComparison(await ProfileTestData.ProfileAsync(csv.Replace(",n1,", ",zz,", StringComparison.Ordinal)), baseline, "old.json");
        using var json = JsonDocument.Parse(ProfileJson.Serialize(report));

        Checker().Check(json.RootElement).Should().BeEmpty();
        var kinds = json.RootElement.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("kind").GetString()).ToHashSet();
        kinds.Should().BeEquivalentTo(["numeric", "string", "temporal", "boolean"]);
        json.RootElement.GetProperty("comparison").GetProperty("columns").GetArrayLength().Should().Be(7);
    }

    [Fact]
    public async Task The_checker_finds_a_missing_key_and_a_wrong_type()
    {
        var report = await ProfileTestData.ProfileAsync("a\n1\n2\n");
        var text = System.Text.Encoding.UTF8.GetString(ProfileJson.Serialize(report))
            .Replace("\"rows\": 2,", "", StringComparison.Ordinal)
            .Replace("\"kind\": \"numeric\"", "\"kind\": 5", StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);

        Checker().Check(json.RootElement).Should().BeEquivalentTo(["$: missing required 'rows'", "$.columns[0].kind: 5 is not one of \"numeric\", \"string\", \"boolean\", \"temporal\""]);
    }
}
