using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Cohort.Web.Infrastructure.Files;

/// <summary>
/// Decides what an uploaded file is from its bytes, never from its name, and refuses anything that is not one of
/// the accepted <see cref="FileKind"/>s or whose name claims a different kind.
/// </summary>
public static class FileInspector
{
    private const int MaxArchiveEntries = 2_000;
    private const long MaxArchiveExpandedBytes = 200 * FileLimits.Megabyte;
    private const long MaxCompressionRatio = 100;
    private const int MaxContentTypesBytes = 1024 * 1024;
    private const int MaxNameLength = 120;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly Dictionary<FileKind, string[]> Extensions = new()
    {
        [FileKind.Png] = [".png"],
        [FileKind.Jpeg] = [".jpg", ".jpeg", ".jpe"],
        [FileKind.Gif] = [".gif"],
        [FileKind.WebP] = [".webp"],
        [FileKind.Pdf] = [".pdf"],
        [FileKind.Docx] = [".docx"],
        [FileKind.Xlsx] = [".xlsx"],
        [FileKind.Pptx] = [".pptx"],
        [FileKind.Csv] = [".csv"],
        [FileKind.Text] = [".txt"],
    };

    private static readonly HashSet<string> ReservedWindowsNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>
    /// Inspects <paramref name="content"/> from its beginning. A seekable stream is left at position 0 so it can be
    /// saved afterwards; a non-seekable one is consumed.
    /// </summary>
    public static FileCheck Inspect(string fileName, Stream content, FileLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        var safeName = SafeName(fileName);

        if (content.CanSeek)
        {
            content.Position = 0;
            try
            {
                return InspectSeekable(safeName, content, limits);
            }
            finally
            {
                content.Position = 0;
            }
        }

        // ZipArchive and the text check need to go back and forth, so spool to a temporary file, but never more
        // than one byte past the limit.
        using var spool = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        if (CopyAtMost(content, spool, limits.MaxFileBytes + 1) > limits.MaxFileBytes)
        {
            return TooLarge(safeName, limits);
        }

        spool.Position = 0;
        return InspectSeekable(safeName, spool, limits);
    }

    /// <summary>
    /// A file name safe to store and to show: no directories, control or bidirectional-override characters, Windows
    /// reserved names or characters, leading dots; at most 120 characters with the extension kept. Japanese
    /// letters stay.
    /// </summary>
    public static string SafeName(string fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "file";
        }

        var name = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];

        // Browsers on macOS send decomposed Japanese (が as か + ゛); store the composed form.
        try
        {
            name = name.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be normalised; they are dropped below.
        }

        var builder = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
                {
                    builder.Append(c).Append(name[++i]);
                }

                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            builder.Append(c is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : c);
        }

        // Windows drops trailing dots and spaces, and a leading dot hides the file on Unix.
        name = builder.ToString().Trim().TrimStart('.').TrimEnd('.', ' ').Trim();
        if (name.Length == 0)
        {
            return "file";
        }

        var firstDot = name.IndexOf('.', StringComparison.Ordinal);
        var stem = firstDot < 0 ? name : name[..firstDot];
        if (ReservedWindowsNames.Contains(stem.TrimEnd(' ')))
        {
            name = "_" + name;
        }

        return Shorten(name);
    }

    private static string Shorten(string name)
    {
        if (name.Length <= MaxNameLength)
        {
            return name;
        }

        var extension = Path.GetExtension(name);
        if (extension.Length > 16)
        {
            extension = string.Empty;
        }

        var stem = name[..(MaxNameLength - extension.Length)];
        if (char.IsHighSurrogate(stem[^1]))
        {
            stem = stem[..^1];
        }

        return stem.TrimEnd('.', ' ') + extension;
    }

    private static FileCheck InspectSeekable(string safeName, Stream content, FileLimits limits)
    {
        var length = content.Length;
        if (length == 0)
        {
            return FileCheck.Refused(safeName, FileProblems.Empty);
        }

        if (length > limits.MaxFileBytes)
        {
            return TooLarge(safeName, limits);
        }

        Span<byte> header = stackalloc byte[16];
        header = header[..ReadUpTo(content, header)];
        content.Position = 0;

        if (IsExecutable(header))
        {
            return FileCheck.Refused(safeName, FileProblems.Executable);
        }

        var extension = Path.GetExtension(safeName).ToLowerInvariant();
        var (kind, problem) = Detect(header, content, extension);
        if (problem is not null)
        {
            return problem with { SafeName = safeName };
        }

        if (kind is not { } detected)
        {
            return FileCheck.Refused(safeName, FileProblems.Unsupported);
        }

        if (!Extensions[detected].Contains(extension))
        {
            return extension.Length == 0
                ? FileCheck.Refused(safeName, FileProblems.NoExtension, DisplayName(detected), Extensions[detected][0])
                : FileCheck.Refused(safeName, FileProblems.ExtensionMismatch, extension, DisplayName(detected));
        }

        return FileCheck.Accepted(detected, ContentTypeOf(detected, content), safeName);
    }

    private static (FileKind? Kind, FileCheck? Problem) Detect(ReadOnlySpan<byte> header, Stream content, string extension)
    {
        if (header.StartsWith(PngSignature))
        {
            return (FileKind.Png, null);
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return (FileKind.Jpeg, null);
        }

        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8))
        {
            return (FileKind.Gif, null);
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            return (FileKind.WebP, null);
        }

        if (header.StartsWith("%PDF-"u8))
        {
            return (FileKind.Pdf, null);
        }

        if (header.StartsWith("PK"u8))
        {
            return InspectArchive(content);
        }

        if (extension is ".csv" or ".txt")
        {
            return IsText(content, Utf8Strict) || IsText(content, ShiftJisStrict())
                ? (extension == ".csv" ? FileKind.Csv : FileKind.Text, null)
                : (null, FileCheck.Refused("", FileProblems.NotText));
        }

        return (null, null);
    }

    private static bool IsExecutable(ReadOnlySpan<byte> header) =>
        header.StartsWith("MZ"u8)                                   // Windows PE
        || header.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]) // ELF
        || header.StartsWith("#!"u8)                                // Unix script
        || header.StartsWith("\uFEFF#!"u8)
        || header.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCE]) // Mach-O
        || header.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF])
        || header.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE])
        || header.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE])
        || header.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]); // Mach-O universal / Java class

    /// <summary>
    /// Office Open XML files are ZIP archives. Only the central directory is read (plus [Content_Types].xml, with a
    /// bound), so a zip bomb is refused from its declared sizes without being expanded.
    /// </summary>
    private static (FileKind? Kind, FileCheck? Problem) InspectArchive(Stream content)
    {
        try
        {
            using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var entries = archive.Entries;
            if (entries.Count > MaxArchiveEntries)
            {
                return (null, FileCheck.Refused("", FileProblems.TooManyEntries, entries.Count));
            }

            long expanded = 0;
            bool word = false, excel = false, powerPoint = false;
            ZipArchiveEntry? contentTypes = null;
            foreach (var entry in entries)
            {
                if (entry.IsEncrypted)
                {
                    return (null, FileCheck.Refused("", FileProblems.Encrypted));
                }

                var path = entry.FullName;
                if (IsUnsafeEntryPath(path))
                {
                    return (null, FileCheck.Refused("", FileProblems.UnsafePath));
                }

                expanded += entry.Length;
                if (expanded > MaxArchiveExpandedBytes || entry.Length > MaxCompressionRatio * Math.Max(entry.CompressedLength, 1024))
                {
                    return (null, FileCheck.Refused("", FileProblems.Bomb));
                }

                var fileName = path[(path.LastIndexOf('/') + 1)..];
                if (fileName.StartsWith("vbaProject", StringComparison.OrdinalIgnoreCase) || fileName.Equals("vbaData.xml", StringComparison.OrdinalIgnoreCase))
                {
                    return (null, FileCheck.Refused("", FileProblems.Macros));
                }

                if (path == "[Content_Types].xml")
                {
                    contentTypes = entry;
                }

                word |= path.StartsWith("word/", StringComparison.Ordinal);
                excel |= path.StartsWith("xl/", StringComparison.Ordinal);
                powerPoint |= path.StartsWith("ppt/", StringComparison.Ordinal);
            }

            if (expanded > MaxCompressionRatio * content.Length)
            {
                return (null, FileCheck.Refused("", FileProblems.Bomb));
            }

            if (contentTypes is null || (word ? 1 : 0) + (excel ? 1 : 0) + (powerPoint ? 1 : 0) != 1)
            {
                return (null, FileCheck.Refused("", FileProblems.OtherArchive));
            }

            // The main part of .docm/.xlsm/.pptm (and templates with macros) is declared "macroEnabled".
            if (contentTypes.Length > MaxContentTypesBytes)
            {
                return (null, FileCheck.Refused("", FileProblems.Bomb));
            }

            using (var reader = new StreamReader(contentTypes.Open(), Encoding.UTF8))
            {
                var buffer = new char[MaxContentTypesBytes];
                var read = reader.ReadBlock(buffer, 0, buffer.Length);
                if (buffer.AsSpan(0, read).Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
                {
                    return (null, FileCheck.Refused("", FileProblems.Macros));
                }
            }

            return (word ? FileKind.Docx : excel ? FileKind.Xlsx : FileKind.Pptx, null);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            return (null, FileCheck.Refused("", FileProblems.UnreadableArchive));
        }
    }

    private static bool IsUnsafeEntryPath(string path)
    {
        if (path.Length == 0 || path[0] is '/' or '\\' || (path.Length >= 2 && path[1] == ':'))
        {
            return true;
        }

        foreach (var segment in path.Split('/', '\\'))
        {
            if (segment == "..")
            {
                return true;
            }
        }

        return false;
    }

    private static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static Encoding ShiftJisStrict() =>
        CodePagesEncodingProvider.Instance.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? throw new InvalidOperationException("Code page 932 (Shift_JIS) is not available.");

    private static bool IsText(Stream content, Encoding encoding)
    {
        content.Position = 0;
        try
        {
            var decoder = encoding.GetDecoder();
            var bytes = new byte[64 * 1024];
            var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
            int read;
            while ((read = content.Read(bytes, 0, bytes.Length)) > 0)
            {
                if (bytes.AsSpan(0, read).Contains((byte)0))
                {
                    return false;
                }

                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                if (HasBinaryControl(chars.AsSpan(0, count)))
                {
                    return false;
                }
            }

            return !HasBinaryControl(chars.AsSpan(0, decoder.GetChars([], 0, 0, chars, 0, flush: true)));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            content.Position = 0;
        }
    }

    /// <summary>Control characters other than tab, line breaks, form feed and Ctrl+Z (old DOS end of file) mean binary data.</summary>
    private static bool HasBinaryControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 && c is not ('\t' or '\n' or '\r' or '\f' or '\x1A'))
            {
                return true;
            }
        }

        return false;
    }

    private static string ContentTypeOf(FileKind kind, Stream content) => kind switch
    {
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Gif => "image/gif",
        FileKind.WebP => "image/webp",
        FileKind.Pdf => "application/pdf",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileKind.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        FileKind.Csv => "text/csv; charset=" + Charset(content),
        FileKind.Text => "text/plain; charset=" + Charset(content),
        _ => "application/octet-stream",
    };

    private static string Charset(Stream content) => IsText(content, Utf8Strict) ? "utf-8" : "shift_jis";

    private static string DisplayName(FileKind kind) => kind switch
    {
        FileKind.Docx => "Word (.docx)",
        FileKind.Xlsx => "Excel (.xlsx)",
        FileKind.Pptx => "PowerPoint (.pptx)",
        FileKind.Text => "TXT",
        _ => kind.ToString().ToUpperInvariant(),
    };

    private static FileCheck TooLarge(string safeName, FileLimits limits) =>
        FileCheck.Refused(safeName, FileProblems.TooLarge, limits.MaxFileBytes / FileLimits.Megabyte);

    private static int ReadUpTo(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer[total..])) > 0)
        {
            total += read;
        }

        return total;
    }

    private static long CopyAtMost(Stream source, Stream destination, long limit)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while (total < limit && (read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - total))) > 0)
        {
            destination.Write(buffer, 0, read);
            total += read;
        }

        return total;
    }
}
