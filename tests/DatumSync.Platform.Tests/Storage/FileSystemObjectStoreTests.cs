using System.Text;
using DatumSync.Platform.Storage;
using DatumSync.Platform.Tests.Support;

namespace DatumSync.Platform.Tests.Storage;

public sealed class FileSystemObjectStoreTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly FileSystemObjectStore _store;

    public FileSystemObjectStoreTests() => _store = new FileSystemObjectStore(_dir.File("store"));

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private async Task<string> ReadAsync(string key)
    {
        await using var stream = await _store.OpenReadAsync(key);
        stream.Should().NotBeNull();
        using var reader = new StreamReader(stream!);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task A_put_object_can_be_read_stat_and_found_on_local_disk()
    {
        var info = await _store.PutAsync("uploads/ab/cd/file", Bytes("hello"));
        info.SizeBytes.Should().Be(5);
        (await ReadAsync("uploads/ab/cd/file")).Should().Be("hello");
        (await _store.StatAsync("uploads/ab/cd/file"))!.SizeBytes.Should().Be(5);
        File.ReadAllText(_store.TryGetLocalPath("uploads/ab/cd/file")!).Should().Be("hello");
        (await _store.StatAsync("uploads/ab/cd/other")).Should().BeNull();
        (await _store.OpenReadAsync("uploads/ab/cd/other")).Should().BeNull();
        _store.TryGetLocalPath("uploads/ab/cd/other").Should().BeNull();
        (await _store.PingAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task A_put_replaces_the_object_whole_and_a_failed_put_leaves_the_old_one_and_no_temporary_file()
    {
        await _store.PutAsync("a/b", Bytes("old content"));
        await _store.PutAsync("a/b", Bytes("new"));
        (await ReadAsync("a/b")).Should().Be("new");

        var failing = new FailingStream(Encoding.UTF8.GetBytes("partial"));
        var act = () => _store.PutAsync("a/b", failing);
        await act.Should().ThrowAsync<IOException>();
        (await ReadAsync("a/b")).Should().Be("new", "a failed write never replaces the object");
        Directory.GetFiles(Path.Combine(_store.RootDirectory, "a")).Select(Path.GetFileName).Should().Equal("b");
        (await _store.ListAsync("a/")).Should().Equal("a/b");
    }

    [Fact]
    public async Task Putting_a_local_file_moves_it_into_the_store()
    {
        var local = _dir.File("out.txt");
        await File.WriteAllTextAsync(local, "result");
        var info = await _store.PutFileAsync("jobs/j/t/out.txt", local);
        info.SizeBytes.Should().Be(6);
        (await ReadAsync("jobs/j/t/out.txt")).Should().Be("result");
        File.Exists(local).Should().BeFalse("on the same file system the file is renamed, not copied");
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/../../x")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("")]
    [InlineData("./a")]
    [InlineData("a/b c")]
    [InlineData("a/.tmp~x")]
    public async Task Keys_that_are_not_plain_relative_paths_are_rejected_before_touching_disk(string key)
    {
        ObjectKeys.IsValid(key).Should().BeFalse();
        await FluentActions.Awaiting(() => _store.PutAsync(key, Bytes("x"))).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _store.OpenReadAsync(key)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _store.DeleteAsync(key)).Should().ThrowAsync<ArgumentException>();
        FluentActions.Invoking(() => _store.TryGetLocalPath(key)).Should().Throw<ArgumentException>();
        File.Exists(Path.Combine(_dir.Path, "x")).Should().BeFalse();
    }

    [Fact]
    public void Unsafe_output_names_get_a_safe_key_spelling()
    {
        ObjectKeys.SafeSegment("my data (1).csv").Should().Be("my_data__1_.csv");
        ObjectKeys.SafeSegment("..").Should().Be("_");
        ObjectKeys.SafeSegment("ok-name_1.parquet").Should().Be("ok-name_1.parquet");
        ObjectKeys.Upload(new string('a', 64)).Should().Be("uploads/aa/aa/" + new string('a', 64));
    }

    [Fact]
    public async Task Deleting_a_prefix_removes_every_object_under_it_and_nothing_else()
    {
        await _store.PutAsync("jobs/1/a/x", Bytes("1"));
        await _store.PutAsync("jobs/1/a/y", Bytes("2"));
        await _store.PutAsync("jobs/1/b/x", Bytes("3"));
        await _store.PutAsync("jobs/10/a/x", Bytes("4"));
        (await _store.DeletePrefixAsync("jobs/1/a/")).Should().Be(2);
        (await _store.ListAsync("jobs/")).Should().Equal("jobs/1/b/x", "jobs/10/a/x");
        (await _store.DeletePrefixAsync("jobs/1/a/")).Should().Be(0);
        await FluentActions.Awaiting(() => _store.DeletePrefixAsync("jobs/1")).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _store.DeletePrefixAsync("../")).Should().ThrowAsync<ArgumentException>();
        (await _store.DeleteAsync("jobs/1/b/x")).Should().BeTrue();
        (await _store.DeleteAsync("jobs/1/b/x")).Should().BeFalse();
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Yields some bytes, then fails like a dropped upload.</summary>
    private sealed class FailingStream(byte[] first) : Stream
    {
        private bool _done;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_done)
                throw new IOException("connection reset");
            _done = true;
            first.CopyTo(buffer, offset);
            return first.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_done)
                throw new IOException("connection reset");
            _done = true;
            first.CopyTo(buffer);
            return ValueTask.FromResult(first.Length);
        }
    }
}
