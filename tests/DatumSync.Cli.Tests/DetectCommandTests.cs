using System.Globalization;
using System.Text;
using System.Text.Json;
using DatumSync.Cli.Tests.Harness;

namespace DatumSync.Cli.Tests;

public class DetectCommandTests
{
    /// <summary>A small orders file whose headers are partly exact rule names, partly only pattern matches.</summary>
    private static string Orders()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder("order_id,CustomerRef,order_date,status,total,contact_email\n");
        string[] statuses = ["new", "paid", "shipped", "delivered"];
        for (var i = 0; i < 60; i++)
            sb.Append(inv, $"SO-{1000 + i},C{100 + i % 9},2024-{1 + i % 12:00}-{1 + i % 28:00},{statuses[i % 4]},{(12.5 + i * 3.25).ToString("0.00", inv)},buyer{i}@example.com\n");
        return sb.ToString();
    }

    [Fact]
    public async Task Detect_html_writes_a_page_with_the_verdict_and_leaves_no_temporary_files()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders());
        var page = dir.File("orders-detect.html");

        var result = await CliRunner.RunAsync("detect", file, "--html", page, "--quiet");

        result.ExitCode.Should().Be(0, result.ToString());
        var html = File.ReadAllText(page);
        html.Should().Contain("<p class=\"big\">orders ").And.Contain("contact_email").And.EndWith("</html>\n");
        Directory.GetFiles(dir.Path).Select(Path.GetFileName).Should().BeEquivalentTo("orders.csv", "orders-detect.html");
    }

    [Fact]
    public async Task Detect_json_has_snake_case_columns_pii_and_the_dataset_type()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders());

        var result = await CliRunner.RunAsync("detect", file, "--json");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        root.GetProperty("rows").GetInt64().Should().Be(60);
        root.GetProperty("format").GetString().Should().Be("csv");
        var email = root.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "contact_email");
        email.GetProperty("semantic_type").GetString().Should().Be("email");
        email.GetProperty("pii").GetBoolean().Should().BeTrue();
        email.GetProperty("conforming_share").GetDouble().Should().Be(1);
        email.GetProperty("evidence").GetArrayLength().Should().BeGreaterThan(0);
        root.GetProperty("pii_columns").EnumerateArray().Select(e => e.GetString()).Should().Equal("contact_email");
        var dataset = root.GetProperty("dataset_type");
        dataset.GetProperty("best").GetString().Should().Be("orders");
        dataset.GetProperty("needs_manual_choice").GetBoolean().Should().BeFalse();
        dataset.GetProperty("level").GetString().Should().BeOneOf("high", "medium");
        var best = dataset.GetProperty("candidates")[0];
        best.GetProperty("strategies").GetProperty("strict_name").GetDouble().Should().BeGreaterThan(0);
        best.GetProperty("strategies").GetProperty("name_pattern").GetDouble().Should().BeGreaterThan(0, "CustomerRef is found by a pattern");
        best.GetProperty("matched_columns").EnumerateArray().Should().Contain(m => m.GetProperty("column").GetString() == "CustomerRef");
        best.GetProperty("missing_columns").EnumerateArray().Should().Contain(m => m.GetProperty("role").GetString() == "currency");
    }

    [Fact]
    public async Task Detect_summary_is_a_table_then_the_verdict_with_matched_and_missing_columns()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders());

        var result = await CliRunner.RunAsync("detect", file);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("semantic type").And.Contain("contact_email").And.Contain("PII")
            .And.Contain("dataset type: orders").And.Contain("matched: order_id=order_id").And.Contain("missing:");
        result.Stdout.Should().NotContain("choose the dataset type manually");
    }

    [Fact]
    public async Task A_file_that_fits_no_type_says_to_choose_manually()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("numbers.csv", "a,b\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i * 7 % 13},{i * 0.5}\n")));

        var result = await CliRunner.RunAsync("detect", file);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("not sure").And.Contain("choose the dataset type manually");
    }

    [Fact]
    public async Task A_custom_rules_file_adds_a_type_that_can_win()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders());
        var rules = dir.WriteFile("rules.json", """
            {
              "version": 1,
              "types": [
                { "name": "shop_orders", "columns": [
                    { "role": "order_id", "required": true }, { "role": "customerref", "required": true },
                    { "role": "order_date", "required": true }, { "role": "status" }, { "role": "total" }, { "role": "contact_email" } ] }
              ]
            }
            """);

        var extended = await CliRunner.RunAsync("detect", file, "--rules", rules, "--json");
        var only = await CliRunner.RunAsync("detect", file, "--rules", rules, "--rules-only", "--json");

        extended.ExitCode.Should().Be(0, extended.ToString());
        using var a = JsonDocument.Parse(extended.Stdout);
        a.RootElement.GetProperty("dataset_type").GetProperty("best").GetString().Should().Be("shop_orders");
        a.RootElement.GetProperty("dataset_type").GetProperty("candidates").GetArrayLength().Should().Be(9);
        a.RootElement.GetProperty("rules").GetString().Should().Be("built-in + " + rules);
        using var b = JsonDocument.Parse(only.Stdout);
        b.RootElement.GetProperty("dataset_type").GetProperty("candidates").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task A_malformed_rules_file_is_exit_3_naming_the_file_line_and_json_path()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders());
        var rules = dir.WriteFile("rules.json", "{\n  \"version\": 1,\n  \"types\": [\n    { \"name\": \"x\", \"columns\": [ { \"role\": \"a\", \"semantic_types\": [\"emial\"] } ] }\n  ]\n}\n");
        var broken = dir.WriteFile("broken.json", "{\n  \"version\": 1,\n  \"types\": [ { \"name\": \"x\" \"columns\": [] } ]\n}\n");

        var unknown = await CliRunner.RunAsync("detect", file, "--rules", rules);
        var syntax = await CliRunner.RunAsync("detect", file, "--rules", broken);

        unknown.ExitCode.Should().Be(3, unknown.ToString());
        unknown.Stderr.Trim().Should().Be($"error: {rules}: invalid detect rules at $.types[0].columns[0].semantic_types[0]: unknown semantic type 'emial' (known: email, url, phone, ipv4, ipv6, uuid, credit_card, iban, isbn, postal_code, country_code, currency_code, currency_amount, percentage, boolean, latitude, longitude, date, timestamp, person_name, free_text, identifier, categorical, unknown)");
        syntax.ExitCode.Should().Be(3, syntax.ToString());
        syntax.Stderr.Should().Contain(broken).And.Contain("line 3").And.Contain("$.types[0]");
        syntax.Stderr.Should().NotContain("   at ", "no stack trace on user input");
    }

    [Fact]
    public async Task Rules_only_without_rules_is_a_usage_error()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders());

        var result = await CliRunner.RunAsync("detect", file, "--rules-only");

        result.ExitCode.Should().Be(2);
        result.Stderr.Should().Contain("--rules-only needs --rules");
    }

    [Fact]
    public async Task A_bad_input_file_is_exit_3_with_one_line()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("bad.csv", "a,b\n1,2\n3,4,5\n");

        var result = await CliRunner.RunAsync("detect", file);

        result.ExitCode.Should().Be(3, result.ToString());
        result.Stderr.Should().StartWith("error: ").And.Contain("bad.csv");
        result.Stderr.Trim().Split('\n').Should().HaveCount(1);
    }

    [Fact]
    public async Task Report_option_writes_the_json_report()
    {
        using var dir = new TempDir();
        var file = dir.WriteFile("orders.csv", Orders());
        var report = dir.File("detect.json");

        var result = await CliRunner.RunAsync("detect", file, "--report", report, "--quiet");

        result.ExitCode.Should().Be(0, result.ToString());
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        json.RootElement.GetProperty("dataset_type").GetProperty("best").GetString().Should().Be("orders");
    }
}
