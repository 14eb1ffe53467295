namespace Cohort.Web.Infrastructure.Files;

/// <summary>
/// Entry names for a ZIP built from names people typed (stages, milestones, file names). Every part is made safe
/// like an uploaded file's name, so no entry has a slash or backslash inside a part, a ".." or "." part, a drive,
/// a leading dot or a control character, and an unzip tool cannot write outside its folder. Parts that would
/// collide (also by case, as on Windows and macOS) get " (2)", " (3)"…
/// </summary>
public sealed class ArchivePaths
{
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="reserved">Paths the caller writes itself (an index.html at the top).</param>
    public ArchivePaths(params string[] reserved)
    {
        foreach (var path in reserved)
        {
            _used.Add(path);
        }
    }

    /// <summary>A new folder under <paramref name="parent"/> ("" for the top), without a trailing slash.</summary>
    public string Folder(string parent, string name) => Unique(parent, Part(name), keepExtension: false);

    /// <summary>A new file in <paramref name="folder"/>.</summary>
    public string File(string folder, string name) => Unique(folder, Part(name), keepExtension: true);

    /// <summary>One safe part of a path: separators inside a name become "_" before the name is made safe.</summary>
    public static string Part(string name) => FileInspector.SafeName((name ?? "").Replace('/', '_').Replace('\\', '_'));

    private string Unique(string parent, string part, bool keepExtension)
    {
        var prefix = parent.Length == 0 ? "" : parent + "/";
        var dot = keepExtension ? part.LastIndexOf('.') : -1;
        var (stem, extension) = dot > 0 ? (part[..dot], part[dot..]) : (part, "");
        var candidate = prefix + part;
        for (var n = 2; !_used.Add(candidate); n++)
        {
            candidate = $"{prefix}{stem} ({n}){extension}";
        }

        return candidate;
    }
}
