using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DatumSync.Platform.Storage;

namespace DatumSync.Server.Tests;

/// <summary>Signed URLs: altered or expired links are refused, ranges are honoured.</summary>
public sealed class SignedDownloadTests : IAsyncLifetime
{
    private ServerHost _host = null!;
    private byte[] _csv = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        _host = await ServerHost.StartAsync(workers: 0);
        _csv = SampleData.Csv("signed");
        var dataset = (await (await _host.PostFileAsync("/api/datasets", "signed.csv", _csv)).JsonAsync()).GetProperty("dataset");
        _url = dataset.GetProperty("links").GetProperty("download").GetString()!;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_tampered_signature_answers_403()
    {
        var i = _url.IndexOf("signature=", StringComparison.Ordinal) + "signature=".Length;
        var tampered = _url[..i] + (_url[i] == 'A' ? 'B' : 'A') + _url[(i + 1)..];
        var problem = await (await _host.Client.GetAsync(tampered)).ShouldBeProblemAsync(403);
        problem.GetProperty("detail").GetString().Should().Contain("signature");
    }

    [Fact]
    public async Task A_later_expiry_with_the_old_signature_answers_403()
    {
        var uri = new Uri(_url);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        var later = long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture) + 3600;
        var url = $"{uri.GetLeftPart(UriPartial.Path)}?expires={later}&signature={query["signature"]}";
        await (await _host.Client.GetAsync(url)).ShouldBeProblemAsync(403);
    }

    [Fact]
    public async Task A_missing_signature_answers_403()
    {
        var bare = new Uri(_url).GetLeftPart(UriPartial.Path);
        await (await _host.Client.GetAsync(bare)).ShouldBeProblemAsync(403);
    }

    [Fact]
    public async Task An_expired_link_signed_with_the_servers_own_key_answers_403_saying_it_expired()
    {
        // The server's key from the data directory, with a clock two hours back: a genuine signature, long expired.
        var past = new FixedClock(DateTimeOffset.UtcNow.AddHours(-2));
        var signer = UrlSigner.Create(_host.DataDirectory, null, past);
        var path = new Uri(_url).AbsolutePath;
        var (expires, signature) = signer.Sign(Uri.UnescapeDataString(path));
        using var response = await _host.Client.GetAsync($"{path}?expires={expires}&signature={signature}");
        var problem = await response.ShouldBeProblemAsync(403);
        problem.GetProperty("detail").GetString().Should().Contain("expired");

        // The same signer with the present clock makes a working link: the key is really the server's.
        var now = UrlSigner.Create(_host.DataDirectory, null, TimeProvider.System).Sign(Uri.UnescapeDataString(path));
        using var ok = await _host.Client.GetAsync($"{path}?expires={now.Expires}&signature={now.Signature}");
        ok.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_validly_signed_key_the_catalog_does_not_know_answers_404()
    {
        var signer = UrlSigner.Create(_host.DataDirectory, null, TimeProvider.System);
        foreach (var key in new[] { "uploads/00/00/0000", "catalog.db", $"jobs/{Guid.NewGuid()}/x/out.csv" })
        {
            var (expires, signature) = signer.Sign("/api/files/" + key);
            await (await _host.Client.GetAsync($"/api/files/{key}?expires={expires}&signature={signature}")).ShouldBeProblemAsync(404);
        }
    }

    [Fact]
    public async Task A_range_request_answers_206_with_exactly_those_bytes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _url);
        request.Headers.Range = new RangeHeaderValue(10, 29);
        using var response = await _host.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().Should().Be($"bytes 10-29/{_csv.Length}");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(_csv[10..30]);
    }

    [Fact]
    public async Task The_whole_file_is_served_with_accept_ranges()
    {
        using var response = await _host.Client.GetAsync(_url);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.AcceptRanges.Should().Contain("bytes");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(_csv);
    }

    [Fact]
    public async Task The_signing_key_file_is_private_and_reused()
    {
        var keyFile = Path.Combine(_host.DataDirectory, UrlSigner.KeyFileName);
        File.Exists(keyFile).Should().BeTrue();
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(keyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var before = await File.ReadAllTextAsync(keyFile);
        _ = UrlSigner.Create(_host.DataDirectory, null, TimeProvider.System);
        (await File.ReadAllTextAsync(keyFile)).Should().Be(before);
        var datasets = await _host.Client.GetFromJsonAsync<JsonElement>("/api/datasets");
        datasets.GetArrayLength().Should().Be(1);
    }
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
