using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Cohort.BrowserTests.Infrastructure;

/// <summary>One visited page: what the browser received for its HTML and for the CSS and JavaScript it uses.</summary>
public sealed record PageWeight(string Journey, string Language, string Page, long HtmlBytes, long HtmlGzipBytes, long AssetBytes, long AssetGzipBytes, int Assets)
{
    public long Total => HtmlBytes + AssetBytes;

    public long TotalGzip => HtmlGzipBytes + AssetGzipBytes;
}

/// <summary>
/// Collects the weight of every page the journeys visit and writes page-weight.md. Nothing is asserted: performance
/// is reported, not tested. The app sends responses uncompressed, so "as sent" is what crossed the wire; the gzip
/// column is what the same bytes weigh compressed (the target: under 100 KB compressed per page).
/// </summary>
public sealed class PageWeightReport
{
    public const long TargetBytes = 100 * 1024;

    private readonly ConcurrentQueue<PageWeight> _visits = new();

    public int Count => _visits.Count;

    public void Add(PageWeight weight) => _visits.Enqueue(weight);

    public static string Kb(long bytes) => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    public string Write(string folder)
    {
        // One row per page and language: the heaviest visit (a page grows as the journey adds data).
        var rows = _visits
            .GroupBy(v => (v.Page, v.Language))
            .Select(g => (Heaviest: g.MaxBy(v => v.Total)!, Visits: g.Count(), Journeys: string.Join(", ", g.Select(v => v.Journey).Distinct())))
            .OrderBy(r => r.Heaviest.Page, StringComparer.Ordinal).ThenBy(r => r.Heaviest.Language, StringComparer.Ordinal)
            .ToList();
        var text = new StringBuilder()
            .AppendLine("# Page weight of the pages the browser journeys visit")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"{_visits.Count} page loads, {rows.Count} distinct pages and languages. HTML as sent by the app plus the CSS and JavaScript the page links (counted in full, as on a first visit). The gzip columns are the same bytes compressed. Target: under {Kb(TargetBytes)} KB compressed per page. Not asserted.")
            .AppendLine()
            .AppendLine("| page | lang | HTML KB | CSS+JS KB (files) | total KB | total gzip KB | visits | journeys |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|---|");
        foreach (var (w, visits, journeys) in rows)
        {
            var flag = w.TotalGzip > TargetBytes ? " ▲ over target" : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| `{w.Page}` | {w.Language} | {Kb(w.HtmlBytes)} | {Kb(w.AssetBytes)} ({w.Assets}) | {Kb(w.Total)} | {Kb(w.TotalGzip)}{flag} | {visits} | {journeys} |");
        }

        var heaviest = _visits.MaxBy(v => v.TotalGzip)!;
        text.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Heaviest page compressed: `{heaviest.Page}` ({heaviest.Language}), {Kb(heaviest.TotalGzip)} KB gzip, {Kb(heaviest.Total)} KB as sent.");
        var file = Path.Combine(folder, "page-weight.md");
        File.WriteAllText(file, text.ToString());
        return file;
    }
}
