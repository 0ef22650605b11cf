using System.Text.Json;
using DatumSync.Data;
using DatumSync.Data.Formats;
using DatumSync.Modules.Detect;
using DatumSync.Modules.Detect.Rules;
using Xunit.Abstractions;

namespace DatumSync.Modules.Tests.Detect;

public class DatasetTypeDetectionTests(ITestOutputHelper output)
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "detect", name);

    private async Task<DetectReport> DetectAsync(string file, DetectOptions? options = null)
    {
        var report = await DetectModule.RunAsync(DataSource.FromFile(Fixture(file)), options ?? new DetectOptions());
        foreach (var c in report.DatasetType.Candidates)
            output.WriteLine($"{c.Type,-16} {c.Score,5} {c.Level,-8} strict {c.Strategies.StrictName} pattern {c.Strategies.NamePattern} type {c.Strategies.DataType} heur {c.Strategies.Heuristics}  matched [{string.Join(", ", c.MatchedColumns.Select(m => $"{m.Role}={m.Column}/{m.Strategy}{(m.TypeAgrees ? "" : "!")}"))}] missing [{string.Join(", ", c.MissingColumns.Select(m => m.Role + (m.Required ? "*" : "")))}]");
        foreach (var c in report.Columns)
            output.WriteLine($"  {c.Name}: {c.Type} {c.SemanticType} {c.Confidence}");
        output.WriteLine(report.DatasetType.Message);
        return report;
    }

    [Theory]
    [InlineData("customers.csv", "customers")]
    [InlineData("transactions.csv", "transactions")]
    [InlineData("orders.csv", "orders")]
    [InlineData("order_items.csv", "order_items")]
    [InlineData("products.csv", "products")]
    [InlineData("events.csv", "events")]
    [InlineData("sensor_readings.csv", "sensor_readings")]
    [InlineData("time_use.csv", "time_use")]
    public async Task Each_built_in_type_is_recognised_at_medium_or_better(string file, string expected)
    {
        var report = await DetectAsync(file);

        report.DatasetType.Best.Should().Be(expected);
        report.DatasetType.Level.Should().BeOneOf("high", "medium");
        report.DatasetType.NeedsManualChoice.Should().BeFalse(report.DatasetType.Message);
        var best = report.DatasetType.Candidates[0];
        best.Score.Should().Be(report.DatasetType.Score);
        (best.Strategies.StrictName + best.Strategies.NamePattern + best.Strategies.DataType + best.Strategies.Heuristics).Should().BeApproximately(best.Score, 0.25);
        best.MissingColumns.Should().NotContain(m => m.Required);
    }

    [Theory]
    [InlineData("ambiguous-generic.csv")]
    [InlineData("ambiguous-unnamed.csv")]
    [InlineData("ambiguous-order-or-payment.csv")]
    public async Task Ambiguous_files_land_below_medium_and_ask_for_a_manual_choice(string file)
    {
        var report = await DetectAsync(file);

        report.DatasetType.Level.Should().BeOneOf("low", "very_low");
        report.DatasetType.NeedsManualChoice.Should().BeTrue();
        report.DatasetType.Message.Should().Contain("choose manually");
    }

    [Fact]
    public async Task Every_rule_type_is_a_candidate_sorted_by_score_with_matched_and_missing_columns()
    {
        var report = await DetectAsync("orders.csv");

        report.DatasetType.Candidates.Select(c => c.Type).Should().BeEquivalentTo(DatasetRules.Default.Types.Select(t => t.Name));
        report.DatasetType.Candidates.Select(c => c.Score).Should().BeInDescendingOrder();
        var orders = report.DatasetType.Candidates[0];
        orders.MatchedColumns.Should().Contain(m => m.Role == "order_id" && m.Column == "OrderNumber");
        orders.MatchedColumns.Should().Contain(m => m.Role == "customer_id" && m.Column == "CustomerRef" && m.Strategy == "name_pattern");
        orders.MissingColumns.Should().Contain(m => m.Role == "shipping_address" && !m.Required);
        orders.Heuristics.Should().Contain(h => h.Kind == "unique" && h.Passed);
        orders.Heuristics.Should().Contain(h => h.Kind == "foreign_key" && h.Role == "customer_id" && h.Passed);
    }

    [Fact]
    public async Task Semantic_types_and_pii_columns_are_reported_per_column()
    {
        var report = await DetectAsync("customers.csv");

        var types = report.Columns.ToDictionary(c => c.Name, c => c.SemanticType);
        types["E-Mail"].Should().Be("email");
        types["Full Name"].Should().Be("person_name");
        types["Kontakt Telefon"].Should().Be("phone");
        types["ZIP"].Should().Be("postal_code");
        types["Country"].Should().Be("country_code");
        report.PiiColumns.Should().Contain(["E-Mail", "Full Name", "Kontakt Telefon", "ZIP"]);
        report.PiiColumns.Should().NotContain("Country");
        report.Rows.Should().Be(40);
    }

    [Fact]
    public async Task Custom_rules_extend_the_built_in_ones_and_can_win()
    {
        var custom = DatasetRules.Parse("""
            {
              "version": 1,
              "types": [
                {
                  "name": "weather_station",
                  "columns": [
                    { "role": "device", "required": true },
                    { "role": "ts", "required": true, "semantic_types": ["timestamp"] },
                    { "role": "temp_c", "required": true, "data_types": ["numeric"] },
                    { "role": "humidity", "data_types": ["numeric"] },
                    { "role": "pressure_hpa", "data_types": ["numeric"] }
                  ],
                  "heuristics": [ { "kind": "monotonic", "role": "ts" }, { "kind": "range", "role": "temp_c", "min": -60, "max": 60 } ]
                }
              ]
            }
            """, "custom.json");

        var extended = await DetectAsync("sensor_readings.csv", new DetectOptions { Rules = DatasetRules.Default.Extend(custom), RulesSource = "built-in + custom.json" });
        var only = await DetectAsync("sensor_readings.csv", new DetectOptions { Rules = custom, RulesSource = "custom.json" });

        extended.DatasetType.Best.Should().Be("weather_station");
        extended.DatasetType.Level.Should().Be("high");
        extended.DatasetType.Candidates.Should().Contain(c => c.Type == "sensor_readings");
        extended.DatasetType.Candidates[0].Heuristics.Should().OnlyContain(h => h.Passed);
        only.DatasetType.Candidates.Select(c => c.Type).Should().Equal("weather_station");
    }

    [Fact]
    public void A_rules_type_of_the_same_name_replaces_the_built_in_one()
    {
        var custom = DatasetRules.Parse("""{"version":1,"types":[{"name":"Orders","columns":[{"role":"order_ref","required":true}]}]}""", "x.json");

        var merged = DatasetRules.Default.Extend(custom);

        merged.Types.Should().HaveCount(DatasetRules.Default.Types.Count);
        merged.Types.Single(t => t.Name.Equals("orders", StringComparison.OrdinalIgnoreCase)).Columns.Single().Role.Should().Be("order_ref");
    }

    [Theory]
    [InlineData("{\"version\":1,\"types\":[{\"name\":\"a\",\"columns\":[{\"role\":\"x\",\"semantic_types\":[\"emial\"]}]}]}", "$.types[0].columns[0].semantic_types[0]", "unknown semantic type 'emial'")]
    [InlineData("{\"version\":1,\"types\":[{\"name\":\"a\",\"columns\":[{\"role\":\"x\",\"colour\":1}]}]}", "$.types[0].columns[0]", "unknown key 'colour'")]
    [InlineData("{\"version\":1,\"types\":[{\"name\":\"a\",\"columns\":[{\"role\":\"x\",\"patterns\":[\"re:([\"]}]}]}", "$.types[0].columns[0].patterns[0]", "invalid pattern")]
    [InlineData("{\"version\":1,\"types\":[{\"name\":\"a\",\"columns\":[{\"role\":\"x\"}],\"heuristics\":[{\"kind\":\"unique\",\"role\":\"y\"}]}]}", "$.types[0].heuristics[0].role", "needs the role")]
    [InlineData("{\"version\":1,\"types\":[{\"name\":\"a\"}]}", "$.types[0]", "missing required key")]
    [InlineData("{\"version\":1,\n\"types\":[\n{\"name\":\"a\",,}]}", "line 3", "$.types[0]")]
    [InlineData("{\"version\":2,\"types\":[]}", "$.version", "unsupported version 2")]
    public void Malformed_rules_name_the_file_and_the_json_path(string json, string where, string problem)
    {
        var act = () => DatasetRules.Parse(json, "rules.json");

        var error = act.Should().Throw<DataFormatException>().Which;
        error.Message.Should().StartWith("rules.json: invalid detect rules at").And.Contain(where).And.Contain(problem);
    }

    [Fact]
    public void The_built_in_rules_cover_the_documented_types()
    {
        DatasetRules.Default.Types.Select(t => t.Name).Should().Equal(
            "customers", "transactions", "orders", "order_items", "products", "events", "sensor_readings", "time_use");
    }

    [Fact]
    public void Levels_follow_the_documented_thresholds()
    {
        DatasetTypeScorer.Level(90).Should().Be("high");
        DatasetTypeScorer.Level(89.9).Should().Be("medium");
        DatasetTypeScorer.Level(70).Should().Be("medium");
        DatasetTypeScorer.Level(69.9).Should().Be("low");
        DatasetTypeScorer.Level(50).Should().Be("low");
        DatasetTypeScorer.Level(49.9).Should().Be("very_low");
    }

    [Fact]
    public async Task The_job_module_writes_detect_json_and_html_and_accepts_inline_rules()
    {
        var dir = Directory.CreateTempSubdirectory("detect-job-");
        try
        {
            var options = JsonDocument.Parse("""{"rulesOnly":true,"rules":{"version":1,"types":[{"name":"sensors","columns":[{"role":"device","required":true}]}]}}""").RootElement;
            var module = ModuleCatalog.Find("detect")!;

            var result = await module.RunAsync(new ModuleRequest([DataSource.FromFile(Fixture("sensor_readings.csv"))], options, dir.FullName), CancellationToken.None);

            result.Outputs.Select(o => (o.FileName, o.ContentType)).Should().Equal(("detect.json", "application/json"), ("detect.html", "text/html; charset=utf-8"));
            Directory.GetFiles(dir.FullName).Select(Path.GetFileName).Should().BeEquivalentTo("detect.json", "detect.html");
            File.ReadAllText(Path.Combine(dir.FullName, "detect.html")).Should().Contain("<p class=\"big\">sensors ");
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "detect.json")));
            json.RootElement.GetProperty("dataset_type").GetProperty("best").GetString().Should().Be("sensors");
            json.RootElement.GetProperty("rules").GetString().Should().Be("inline rules");
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public async Task Bad_inline_rules_are_an_options_error_naming_the_path()
    {
        var options = JsonDocument.Parse("""{"rules":{"version":1,"types":[{"name":"x","columns":[{"role":"a","data_types":["text"]}]}]}}""").RootElement;

        var act = () => ModuleCatalog.Find("detect")!.RunAsync(new ModuleRequest([DataSource.FromFile(Fixture("orders.csv"))], options, Path.GetTempPath()), CancellationToken.None);

        (await act.Should().ThrowAsync<ModuleOptionsException>()).Which.Message.Should().Contain("$.types[0].columns[0].data_types[0]").And.Contain("unknown data type 'text'");
    }
}
