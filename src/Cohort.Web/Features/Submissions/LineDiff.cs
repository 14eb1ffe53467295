namespace Cohort.Web.Features.Submissions;

public enum DiffKind
{
    Same,
    Removed,
    Added,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>
/// Which lines of a text were kept, removed and added between two versions: the longest common subsequence of
/// their lines, removals before additions where a block was replaced.
/// </summary>
public static class LineDiff
{
    /// <summary>Above this many table cells the middle part is shown as replaced whole (texts here hold at most a few thousand characters).</summary>
    private const long MaxCells = 4_000_000;

    public static IReadOnlyList<DiffLine> Compare(string? from, string? to)
    {
        var a = Lines(from);
        var b = Lines(to);

        // Edits are usually local: match the unchanged start and end first, run the table on what is left.
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var result = new List<DiffLine>(a.Length + b.Length);
        result.AddRange(a.Take(prefix).Select(l => new DiffLine(DiffKind.Same, l)));
        Middle(a[prefix..^suffix], b[prefix..^suffix], result);
        result.AddRange(a.Skip(a.Length - suffix).Select(l => new DiffLine(DiffKind.Same, l)));
        return result;
    }

    /// <summary>Lines of a text; no text and an empty text have none, and line endings do not count as changes.</summary>
    public static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

    private static void Middle(string[] a, string[] b, List<DiffLine> result)
    {
        if ((long)a.Length * b.Length > MaxCells)
        {
            result.AddRange(a.Select(l => new DiffLine(DiffKind.Removed, l)));
            result.AddRange(b.Select(l => new DiffLine(DiffKind.Added, l)));
            return;
        }

        // common[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                result.Add(new DiffLine(DiffKind.Same, a[x]));
                x++;
                y++;
            }
            else if (y == b.Length || (x < a.Length && common[x + 1, y] >= common[x, y + 1]))
            {
                result.Add(new DiffLine(DiffKind.Removed, a[x++]));
            }
            else
            {
                result.Add(new DiffLine(DiffKind.Added, b[y++]));
            }
        }
    }
}
