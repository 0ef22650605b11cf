using Microsoft.Playwright;

namespace DatumSync.Browser.Tests.Harness;

/// <summary>
/// One headless Chromium per test class (<c>IClassFixture&lt;ChromiumFixture&gt;</c>); each test opens its own
/// <see cref="BrowserPage"/> in a fresh context, so cookies, storage and listeners never leak between tests.
/// </summary>
/// <remarks>
/// Drives the system's Chromium (Debian's <c>chromium</c> package, installed by <c>./test</c>) through Playwright's
/// driver, which ships with the NuGet package: no browser download. <c>DATUMSYNC_CHROMIUM</c> overrides the path.
/// </remarks>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser executable: <c>DATUMSYNC_CHROMIUM</c> when set, else <c>/usr/bin/chromium</c>.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("DATUMSYNC_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The running browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath}: run ./test (it installs the 'chromium' package) or set DATUMSYNC_CHROMIUM.");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>Opens a page in a new context that records console errors, page errors and network requests.</summary>
    public async Task<BrowserPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options ?? new BrowserNewContextOptions { ViewportSize = new() { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        return new BrowserPage(context, page);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
