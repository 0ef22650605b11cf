using DatumSync.Browser.Tests.Harness;
using DatumSync.Cli.Tests.Harness;
using DatumSync.Data.Formats;
using DatumSync.Modules.Detect;
using DatumSync.Modules.Detect.Html;

namespace DatumSync.Browser.Tests.Detect;

/// <summary>The detect report page in headless Chromium.</summary>
public sealed class DetectPageTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_detect_page_renders_offline_and_its_candidate_details_open()
    {
        var csv = "customer_id,email,first_name,last_name,country,signup_date\n" + string.Concat(Enumerable.Range(0, 60).Select(i =>
            $"C{i:0000},user{i}@example.com,Anna,Schmidt,{(i % 2 == 0 ? "DE" : "FR")},2024-01-{i % 28 + 1:00}\n"));
        var report = await DetectModule.RunAsync(DataSource.FromBytes(System.Text.Encoding.UTF8.GetBytes(csv), "customers.csv"), new DetectOptions());
        var path = _dir.File("detect.html");
        await using (var file = File.Create(path))
            DetectHtmlReport.Write(file, report);

        await using var page = await chromium.NewPageAsync();
        await page.OpenFileAsync(path);

        (await page.Page.Locator(".verdict .big").InnerTextAsync()).Should().StartWith("customers");
        (await page.Page.Locator("table.columns tbody tr").CountAsync()).Should().Be(6);
        var first = page.Page.Locator("table.candidates tbody tr").First.Locator("details");
        (await first.Locator("ul").First.IsVisibleAsync()).Should().BeFalse();
        await first.Locator("summary").ClickAsync();
        (await first.InnerTextAsync()).Should().Contain("customer_id");
        await page.ScreenshotAsync("detect-customers");
        page.ShouldBeClean();
    }
}
