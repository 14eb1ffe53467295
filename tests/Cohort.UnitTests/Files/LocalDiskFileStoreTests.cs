using Cohort.Web.Infrastructure.Files;

namespace Cohort.UnitTests.Files;

public sealed class LocalDiskFileStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "cohort-files-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Saved_content_comes_back_unchanged_under_a_random_key()
    {
        var store = new LocalDiskFileStore(_root);
        var content = SampleFiles.Pdf();

        var key = await store.SaveAsync(new MemoryStream(content), CancellationToken.None);
        var other = await store.SaveAsync(new MemoryStream(content), CancellationToken.None);

        Assert.Matches("^[0-9a-f]{2}/[0-9a-f]{32}$", key);
        Assert.StartsWith(key[..2], key[3..], StringComparison.Ordinal);
        Assert.NotEqual(key, other);
        await using var stream = await store.OpenAsync(key, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(content, copy.ToArray());
        Assert.True(File.Exists(Path.Combine(_root, key)));
        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "tmp")));
    }

    [Fact]
    public async Task Deleted_content_is_gone()
    {
        var store = new LocalDiskFileStore(_root);
        var key = await store.SaveAsync(new MemoryStream(SampleFiles.Png()), CancellationToken.None);

        await store.DeleteAsync(key, CancellationToken.None);
        await store.DeleteAsync(key, CancellationToken.None);

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_key_is_not_found()
    {
        var store = new LocalDiskFileStore(_root);

        await Assert.ThrowsAsync<FileNotFoundException>(() => store.OpenAsync("ab/ab" + new string('0', 30), CancellationToken.None));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("../../etc/passwd")]
    [InlineData("ab/../../secret")]
    [InlineData("/etc/passwd")]
    [InlineData("ab\\abcdefabcdefabcdefabcdefabcdefab")]
    [InlineData("cd/ab0000000000000000000000000000")]
    [InlineData("AB/AB0000000000000000000000000000")]
    [InlineData("ab/ab0000000000000000000000000000/..")]
    [InlineData("")]
    public async Task Strings_that_are_not_keys_of_the_store_are_refused(string key)
    {
        var store = new LocalDiskFileStore(_root);

        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_save_leaves_no_partial_file()
    {
        var store = new LocalDiskFileStore(_root);

        await Assert.ThrowsAsync<IOException>(() => store.SaveAsync(new FailingStream(), CancellationToken.None));

        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    private sealed class FailingStream : MemoryStream
    {
        private int _reads;

        public FailingStream()
            : base(new byte[100_000])
        {
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _reads++ == 0 ? base.ReadAsync(buffer[..10], cancellationToken) : throw new IOException("Connection reset.");
    }
}
