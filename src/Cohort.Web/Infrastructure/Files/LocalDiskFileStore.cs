using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Cohort.Web.Infrastructure.Files;

/// <summary>Where uploaded bytes live. Keys are opaque; the file's name and type are kept by the caller.</summary>
public interface IFileStore
{
    /// <summary>Stores the content and returns a new random key for it.</summary>
    Task<string> SaveAsync(Stream content, CancellationToken ct);

    /// <summary>Opens stored content. Throws <see cref="FileNotFoundException"/> for unknown keys and
    /// <see cref="ArgumentException"/> for strings that are not keys of this store.</summary>
    Task<Stream> OpenAsync(string key, CancellationToken ct);

    /// <summary>Deletes stored content; deleting an unknown key does nothing.</summary>
    Task DeleteAsync(string key, CancellationToken ct);
}

/// <summary>
/// Files under one folder, outside the web root, as <c>&lt;root&gt;/ab/ab…</c> (32 random hex digits, the first
/// two as a subfolder so no folder grows huge). The path is built from the key alone, and only keys of exactly
/// that shape are accepted, so no user-supplied text ever reaches the file system.
/// </summary>
public sealed partial class LocalDiskFileStore : IFileStore
{
    private const string TempFolder = "tmp";
    private readonly string _root;

    public LocalDiskFileStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    public string Root => _root;

    [GeneratedRegex("^([0-9a-f]{2})/(\\1[0-9a-f]{30})$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    public async Task<string> SaveAsync(Stream content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var key = name[..2] + "/" + name;

        // Written under a temporary name and moved into place, so a reader never sees half a file.
        var tempFolder = Path.Combine(_root, TempFolder);
        Directory.CreateDirectory(tempFolder);
        var temp = Path.Combine(tempFolder, name + ".part");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, ct);
                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }

            var target = PathOf(key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(temp, target, overwrite: false);
            return key;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    public Task<Stream> OpenAsync(string key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var path = PathOf(key);
        try
        {
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult(stream);
        }
        catch (DirectoryNotFoundException)
        {
            throw new FileNotFoundException("No stored file has this key.", key);
        }
        catch (FileNotFoundException)
        {
            throw new FileNotFoundException("No stored file has this key.", key);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        var match = key is null ? null : KeyPattern().Match(key);
        if (match is not { Success: true })
        {
            throw new ArgumentException("Not a key of this file store.", nameof(key));
        }

        return Path.Combine(_root, match.Groups[1].Value, match.Groups[2].Value);
    }
}
