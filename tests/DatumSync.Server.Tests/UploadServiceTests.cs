using System.Security.Cryptography;
using DatumSync.Platform.Catalog;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Uploads;
using Microsoft.Extensions.DependencyInjection;

namespace DatumSync.Server.Tests;

/// <summary>The upload pipeline without HTTP, over the server's real catalog and store.</summary>
public sealed class UploadServiceTests : IAsyncLifetime
{
    private ServerHost _host = null!;

    public async Task InitializeAsync() => _host = await ServerHost.StartAsync(workers: 0);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private UploadService Uploads => _host.Services.GetRequiredService<UploadService>();

    private ICatalog Catalog => _host.Services.GetRequiredService<ICatalog>();

    [Fact]
    public async Task A_body_that_breaks_off_midway_leaves_no_temporary_file_and_no_dataset()
    {
        var content = SampleData.Csv("broken-stream", 2000);
        await using var stream = new BreakingStream(content, breakAfter: content.Length / 2);
        await FluentActions.Awaiting(() => Uploads.UploadAsync(stream, "cut.csv", Tenants.Default, 1 << 30))
            .Should().ThrowAsync<IOException>();

        Directory.EnumerateFiles(Path.Combine(_host.DataDirectory, "tmp")).Should().BeEmpty();
        (await Catalog.FindDatasetByHashAsync(Tenants.Default, Convert.ToHexStringLower(SHA256.HashData(content)))).Should().BeNull();
        (await Catalog.ListDatasetsAsync(Tenants.Default, 0, 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task Content_is_stored_under_its_hash_and_a_second_copy_stores_nothing_new()
    {
        var content = SampleData.Csv("stored-once", 100);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var first = await Uploads.UploadAsync(new MemoryStream(content), "C:\\exports\\first.csv", Tenants.Default, 1 << 20);
        first.Duplicate.Should().BeFalse();
        first.Dataset.Name.Should().Be("first.csv", "only the last path segment of a client's file name is kept");
        first.Dataset.StorageKey.Should().Be($"uploads/{sha[..2]}/{sha[2..4]}/{sha}");
        var store = _host.Services.GetRequiredService<IObjectStore>();
        var info = await store.StatAsync(first.Dataset.StorageKey);
        info!.SizeBytes.Should().Be(content.Length);
        var stored = await store.OpenReadAsync(first.Dataset.StorageKey) ?? throw new InvalidOperationException("the stored object is missing");
        await using (stored)
        {
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy);
            copy.ToArray().Should().Equal(content);
        }

        var second = await Uploads.UploadAsync(new MemoryStream(content), "second.csv", Tenants.Default, 1 << 20);
        second.Duplicate.Should().BeTrue();
        second.Dataset.Id.Should().Be(first.Dataset.Id);
        (await store.ListAsync("uploads/")).Should().ContainSingle();
    }

    [Fact]
    public async Task Exactly_the_limit_is_accepted_and_one_byte_more_is_refused()
    {
        var content = SampleData.Csv("limit", 10);
        (await Uploads.UploadAsync(new MemoryStream(content), "exact.csv", Tenants.Default, content.Length)).Duplicate.Should().BeFalse();
        var more = SampleData.Csv("limit2", 10);
        await FluentActions.Awaiting(() => Uploads.UploadAsync(new MemoryStream(more), "more.csv", Tenants.Default, more.Length - 1))
            .Should().ThrowAsync<UploadTooLargeException>().WithMessage($"*{more.Length - 1} bytes*");
    }

    [Fact]
    public async Task The_same_content_uploaded_twice_at_once_becomes_one_dataset_and_one_stored_object()
    {
        var content = SampleData.Csv("concurrent", 5000);
        var uploads = await Task.WhenAll(Enumerable.Range(0, 2).Select(i =>
            Task.Run(() => Uploads.UploadAsync(new MemoryStream(content), $"copy{i}.csv", Tenants.Default, 1 << 30))));

        uploads.Select(u => u.Dataset.Id).Distinct().Should().ContainSingle();
        uploads.Count(u => !u.Duplicate).Should().Be(1, "exactly one of the two uploads created the dataset");
        (await Catalog.ListDatasetsAsync(Tenants.Default, 0, 10)).Should().ContainSingle();
        (await _host.Services.GetRequiredService<IObjectStore>().ListAsync("uploads/")).Should().ContainSingle();
        Directory.EnumerateFiles(Path.Combine(_host.DataDirectory, "tmp")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_zero_byte_file_is_stored_as_a_dataset_of_size_zero()
    {
        var upload = await Uploads.UploadAsync(new MemoryStream([]), "empty.csv", Tenants.Default, 1 << 20);

        upload.Duplicate.Should().BeFalse();
        upload.Dataset.SizeBytes.Should().Be(0);
        upload.Dataset.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(ReadOnlySpan<byte>.Empty)));
        (await _host.Services.GetRequiredService<IObjectStore>().StatAsync(upload.Dataset.StorageKey))!.SizeBytes.Should().Be(0);
    }

    /// <summary>Serves the first bytes, then fails like a dropped connection.</summary>
    private sealed class BreakingStream(byte[] content, int breakAfter) : MemoryStream(content)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= breakAfter)
                throw new IOException("the connection was reset");
            return await base.ReadAsync(buffer[..Math.Min(buffer.Length, (int)(breakAfter - Position))], cancellationToken);
        }
    }
}
