using Cohort.Web.Infrastructure.Files;

namespace Cohort.UnitTests.Files;

public sealed class DeferredWriteStreamTests
{
    /// <summary>Like a response body: asynchronous writes only.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _written = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written.Length;

        public override long Position { get => _written.Position; set => throw new NotSupportedException(); }

        public byte[] ToArray() => _written.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Synchronous_writes_wait_for_the_next_asynchronous_call_and_keep_their_order()
    {
        var body = new AsyncOnlyStream();
        await using var stream = new DeferredWriteStream(body);

        stream.Write([1, 2]);
        Assert.Equal(0, body.Length);
        await stream.WriteAsync(new byte[] { 3 });
        stream.Write([4]);
        stream.Flush();
        await stream.FlushAsync();

        Assert.Equal([1, 2, 3, 4], body.ToArray());
        Assert.Equal(4, stream.Position);
    }

    [Fact]
    public async Task A_zip_written_through_it_into_an_asynchronous_only_body_is_complete()
    {
        var body = new AsyncOnlyStream();
        var content = new byte[200_000];
        new Random(3).NextBytes(content);
        await using (var stream = new DeferredWriteStream(body))
        {
            await using (var zip = await System.IO.Compression.ZipArchive.CreateAsync(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null))
            {
                foreach (var name in new[] { "a/一.bin", "b/二.bin" })
                {
                    await using (var entry = await zip.CreateEntry(name).OpenAsync())
                    {
                        await entry.WriteAsync(content);
                    }

                    await stream.FlushAsync();
                }
            }

            await stream.FlushAsync();
        }

        using var read = new System.IO.Compression.ZipArchive(new MemoryStream(body.ToArray()));
        Assert.Equal(["a/一.bin", "b/二.bin"], read.Entries.Select(e => e.FullName).ToArray());
        using var copy = new MemoryStream();
        await using (var first = await read.Entries[1].OpenAsync())
        {
            await first.CopyToAsync(copy);
        }

        Assert.Equal(content, copy.ToArray());
    }
}
