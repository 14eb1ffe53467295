using Microsoft.Extensions.Localization;

namespace Cohort.Web.Infrastructure.Files;

/// <summary>The kinds of deliverable a team may upload, decided from the file's content.</summary>
public enum FileKind
{
    Png,
    Jpeg,
    Gif,
    WebP,
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Csv,
    Text,
}

/// <summary>
/// The verdict on one uploaded file. <see cref="Problem"/> is an English localizer key that may hold
/// placeholders; their values are in <see cref="ProblemArguments"/> (use <see cref="Describe"/> to show it).
/// </summary>
public sealed record FileCheck(bool Ok, FileKind? Kind, string ContentType, string SafeName, string? Problem)
{
    public IReadOnlyList<object> ProblemArguments { get; init; } = [];

    /// <summary>The problem in the current UI language, or an empty string when the file was accepted.</summary>
    public string Describe(IStringLocalizer localizer) =>
        Problem is null ? string.Empty : localizer[Problem, [.. ProblemArguments]].Value;

    internal static FileCheck Accepted(FileKind kind, string contentType, string safeName) =>
        new(true, kind, contentType, safeName, null);

    internal static FileCheck Refused(string safeName, string problem, params object[] arguments) =>
        new(false, null, "application/octet-stream", safeName, problem) { ProblemArguments = arguments };
}

/// <summary>The English texts of <see cref="FileCheck.Problem"/>; their Japanese translations are in Resources/files.ja.json.</summary>
internal static class FileProblems
{
    public const string Empty = "The file is empty.";
    public const string TooLarge = "The file is larger than {0} MB. Make it smaller or split it into several files.";
    public const string Executable = "Programs and scripts cannot be uploaded.";
    public const string Unsupported = "This type of file is not accepted. Upload images (PNG, JPEG, GIF, WebP), PDF, Word, Excel, PowerPoint, CSV or text files.";
    public const string ExtensionMismatch = "The file name ends in \"{0}\", but the file is a {1} file. Rename it or choose the right file.";
    public const string NoExtension = "The file name has no extension, but the file is a {0} file. Add \"{1}\" to the end of its name.";
    public const string UnreadableArchive = "The file looks like an Office document but could not be read. It may be damaged.";
    public const string OtherArchive = "ZIP archives are not accepted. Upload the files themselves.";
    public const string Encrypted = "The file is protected with a password. Remove the password and upload it again.";
    public const string TooManyEntries = "The Office document has too many parts ({0}) to be checked safely.";
    public const string UnsafePath = "The Office document contains parts with unsafe names and cannot be accepted.";
    public const string Bomb = "The Office document expands to far more than its size and cannot be accepted.";
    public const string Macros = "Documents with macros cannot be uploaded. Save it without macros (as .docx, .xlsx or .pptx) and upload it again.";
    public const string NotText = "The file is not plain text in UTF-8 or Shift_JIS.";
}
