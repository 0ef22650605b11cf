using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace DatumSync.Browser.Tests.Harness;

/// <summary>A page in its own browser context that records what a test must see none of: console errors, uncaught
/// page errors, dialogs (an <c>alert</c> from injected script) and network requests other than the page's own file.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _consoleErrors = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<string> _dialogs = new();
    private string? _documentUrl;

    internal BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
                _consoleErrors.Enqueue($"{message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => _pageErrors.Enqueue(error);
        page.Request += (_, request) =>
        {
            if (request.Url != _documentUrl)
                _requests.Enqueue(request.Url);
        };
        page.Dialog += async (_, dialog) =>
        {
            _dialogs.Enqueue($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
    }

    /// <summary>The Playwright page.</summary>
    public IPage Page { get; }

    /// <summary>Console errors and warnings seen so far.</summary>
    public IReadOnlyCollection<string> ConsoleErrors => _consoleErrors;

    /// <summary>Uncaught exceptions in the page seen so far.</summary>
    public IReadOnlyCollection<string> PageErrors => _pageErrors;

    /// <summary>Requests other than the one for the opened document.</summary>
    public IReadOnlyCollection<string> Requests => _requests;

    /// <summary>Dialogs (alert, confirm, prompt) the page opened; each was dismissed.</summary>
    public IReadOnlyCollection<string> Dialogs => _dialogs;

    /// <summary>Opens a local file and waits for its load event.</summary>
    public async Task OpenFileAsync(string path)
    {
        _documentUrl = new Uri(Path.GetFullPath(path)).AbsoluteUri;
        await Page.GotoAsync(_documentUrl, new() { WaitUntil = WaitUntilState.Load });
    }

    /// <summary>Fails when the page logged an error, threw, opened a dialog or made a network request.</summary>
    public void ShouldBeClean()
    {
        ConsoleErrors.Should().BeEmpty("the page must log no console errors or warnings");
        PageErrors.Should().BeEmpty("the page must throw no uncaught errors");
        Dialogs.Should().BeEmpty("the page must open no dialogs");
        Requests.Should().BeEmpty("the page must make no network requests");
    }

    /// <summary>Saves a full-page screenshot to <c>artifacts/test-results/screenshots/NAME.png</c> and returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true)
    {
        var path = Path.Combine(ArtifactPaths.Screenshots, name + ".png");
        await Page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
