using Cohort.Web.Features.Submissions;

namespace Cohort.UnitTests.Submissions;

public sealed class LineDiffTests
{
    /// <summary>The diff as " a", "-b", "+c": one marker and the line.</summary>
    private static string[] Marked(string? from, string? to) =>
        LineDiff.Compare(from, to).Select(l => (l.Kind switch { DiffKind.Removed => "-", DiffKind.Added => "+", _ => " " }) + l.Text).ToArray();

    [Fact]
    public void Equal_texts_are_all_kept()
    {
        Assert.Equal([" 現状", " 課題"], Marked("現状\n課題", "現状\n課題"));
    }

    [Fact]
    public void No_text_and_empty_text_have_no_lines()
    {
        Assert.Empty(LineDiff.Compare(null, ""));
        Assert.Equal(["+新しい"], Marked(null, "新しい"));
        Assert.Equal(["-古い"], Marked("古い", null));
    }

    [Fact]
    public void A_changed_line_is_removed_then_added_between_kept_lines()
    {
        Assert.Equal([" 目的", "-効果: 未定", "+効果: 年間120時間削減", " 体制"], Marked("目的\n効果: 未定\n体制", "目的\n効果: 年間120時間削減\n体制"));
    }

    [Fact]
    public void Inserted_and_deleted_lines_keep_everything_in_common()
    {
        Assert.Equal([" a", "-b", " c", "+x", " d", "+e"], Marked("a\nb\nc\nd", "a\nc\nx\nd\ne"));
    }

    [Fact]
    public void Moved_lines_keep_the_longest_common_run()
    {
        // "b c d" stays; a moves from the start to the end.
        Assert.Equal(["-a", " b", " c", " d", "+a"], Marked("a\nb\nc\nd", "b\nc\nd\na"));
    }

    [Fact]
    public void Line_endings_and_a_final_newline_are_not_changes()
    {
        Assert.All(LineDiff.Compare("one\r\ntwo\r\n", "one\ntwo"), l => Assert.Equal(DiffKind.Same, l.Kind));
    }

    [Fact]
    public void Repeated_lines_are_matched_once_each()
    {
        Assert.Equal([" -", " -", "+-"], Marked("-\n-", "-\n-\n-"));
    }

    [Fact]
    public void Every_line_of_both_texts_appears_once_in_order()
    {
        var random = new Random(5);
        for (var round = 0; round < 200; round++)
        {
            var a = string.Join('\n', Enumerable.Range(0, random.Next(0, 12)).Select(_ => "L" + random.Next(0, 4)));
            var b = string.Join('\n', Enumerable.Range(0, random.Next(0, 12)).Select(_ => "L" + random.Next(0, 4)));
            var diff = LineDiff.Compare(a, b);

            Assert.Equal(LineDiff.Lines(a), diff.Where(l => l.Kind != DiffKind.Added).Select(l => l.Text));
            Assert.Equal(LineDiff.Lines(b), diff.Where(l => l.Kind != DiffKind.Removed).Select(l => l.Text));
            Assert.Equal(Lcs(LineDiff.Lines(a), LineDiff.Lines(b)), diff.Count(l => l.Kind == DiffKind.Same));
        }
    }

    [Fact]
    public void Very_long_texts_that_differ_throughout_are_shown_as_replaced()
    {
        var a = string.Join('\n', Enumerable.Range(0, 3000).Select(i => "a" + i));
        var b = string.Join('\n', Enumerable.Range(0, 3000).Select(i => "b" + i));

        var diff = LineDiff.Compare(a, b);

        Assert.Equal(6000, diff.Count);
        Assert.All(diff.Take(3000), l => Assert.Equal(DiffKind.Removed, l.Kind));
    }

    /// <summary>Length of the longest common subsequence, by brute recursion with memo (independent of the code under test).</summary>
    private static int Lcs(string[] a, string[] b)
    {
        var memo = new Dictionary<(int, int), int>();
        int Go(int i, int j)
        {
            if (i == a.Length || j == b.Length)
            {
                return 0;
            }

            if (memo.TryGetValue((i, j), out var known))
            {
                return known;
            }

            var best = a[i] == b[j] ? 1 + Go(i + 1, j + 1) : Math.Max(Go(i + 1, j), Go(i, j + 1));
            memo[(i, j)] = best;
            return best;
        }

        return Go(0, 0);
    }
}
