using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Cohort.Web.Features.Analytics.Charts;

/// <summary>One horizontal bar. A null value means the group is suppressed (fewer than 5 people): no bar, only a note.</summary>
public sealed record BarDatum(string Label, double? Value);

/// <summary>One point of a line chart, e.g. a week ("11/02") and its learning minutes.</summary>
public sealed record LinePoint(string Label, double Value);

/// <summary>One row of a before/after chart. A null on either side means suppressed: a note, no line.</summary>
public sealed record SlopeDatum(string Label, double? Before, double? After);

/// <summary>
/// Small charts drawn on the server as inline SVG: no script, no external references, no inline styles (the
/// content security policy forbids them; colours come from classes in site.css, with presentation attributes as
/// the fallback). Every chart scales with its container (viewBox, width 100%), writes its values on the chart,
/// and lists them in its &lt;desc&gt; for screen readers. The output is one &lt;figure class="chart"&gt; with a
/// visible caption (the title), so the page needs no separate heading for it.
/// </summary>
/// <remarks>
/// <paramref name="id"/> arguments must be unique on the page (e.g. "chart-weeks"); the element ids inside a chart
/// are derived from it. Display numbers follow the current culture; numbers in attributes are invariant.
/// </remarks>
public static class SvgCharts
{
    /// <summary>Note shown instead of a suppressed value unless the caller passes a localized one.</summary>
    public const string DefaultSuppressedText = "5人未満";

    /// <summary>Text of the empty box unless the caller passes a localized one.</summary>
    public const string DefaultEmptyText = "まだデータがありません";

    // Geometry in viewBox units. The stylesheet caps the width of a chart (32rem), so on a desktop one unit
    // is about 1.4 px and on a 360 px phone about 0.9 px: 14 units of text stay readable on both.
    private const double Width = 360;
    private const double Pad = 8;
    private const double FontLabel = 14;
    private const double FontSmall = 13;
    private const double LabelBudgetEm = 24;

    // Fallback colours (the same as the variables in site.css) for when the stylesheet is not applied.
    private const string Fg = "#1b1f24", Muted = "#57606a", Accent = "#0b5cad", Line = "#d0d7de", Bg = "#fff";

    // ---------------------------------------------------------------------------------------------------------
    // Bar chart
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>Horizontal bars, each with its label above it and its value written at the end of the bar.</summary>
    public static IHtmlContent BarChart(
        string id, string title, IReadOnlyList<BarDatum> bars, string valueFormat = "0.#", string? unit = null,
        string suppressedText = DefaultSuppressedText, string emptyText = DefaultEmptyText)
    {
        ArgumentNullException.ThrowIfNull(bars);
        id = SafeId(id);
        if (bars.Count == 0) return Empty(id, title, emptyText);

        var culture = CultureInfo.CurrentCulture;
        var values = bars.Select(b => b.Value is { } v && double.IsFinite(v) ? v : (double?)null).ToList();
        var texts = values.Select(v => v is { } x ? WithUnit(x.ToString(valueFormat, culture), unit) : null).ToList();

        double lo = Math.Min(0, values.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(0).Min());
        double hi = Math.Max(0, values.Where(v => v.HasValue).Select(v => v!.Value).DefaultIfEmpty(0).Max());
        if (hi - lo <= 0) hi = lo + 1;

        // Room for the value text beside the longest bar, on the side(s) where bars can grow.
        double valueRoom = texts.Where(t => t is not null).Select(t => TextWidth(t!, FontLabel)).DefaultIfEmpty(0).Max() + 8;
        double left = Pad + (lo < 0 ? valueRoom : 0);
        double right = Width - Pad - (hi > 0 ? valueRoom : 0);
        double plot = Math.Max(40, right - left);
        double X(double v) => left + (v - lo) / (hi - lo) * plot;
        double zero = X(0);

        const double rowHeight = 46, labelLine = 15, barTop = 21, barHeight = 16;
        double height = Pad + bars.Count * rowHeight;

        var svg = new StringBuilder();
        var desc = new List<string>(bars.Count);
        for (var i = 0; i < bars.Count; i++)
        {
            double y = Pad + i * rowHeight;
            var label = Clean(bars[i].Label);
            svg.Append(Text(Pad, y + labelLine, FontLabel, "chart-label", label, LabelBudgetEm * FontLabel));
            double mid = y + barTop + barHeight / 2 + 5;
            // The zero line, per row so that it never runs through the labels.
            svg.Append(Inv($"<line class=\"chart-axis\" x1=\"{F(zero)}\" y1=\"{F(y + barTop - 3)}\" x2=\"{F(zero)}\" y2=\"{F(y + barTop + barHeight + 3)}\" stroke=\"{Muted}\" stroke-width=\"1\"/>"));
            if (values[i] is { } v)
            {
                double x0 = Math.Min(zero, X(v)), x1 = Math.Max(zero, X(v));
                svg.Append(Inv($"<rect class=\"chart-bar\" x=\"{F(x0)}\" y=\"{F(y + barTop)}\" width=\"{F(Math.Max(x1 - x0, 1))}\" height=\"{F(barHeight)}\" fill=\"{Accent}\"/>"));
                svg.Append(v < 0
                    ? Text(x0 - 6, mid, FontLabel, "chart-value", texts[i]!, anchor: "end", bold: true)
                    : Text(x1 + 6, mid, FontLabel, "chart-value", texts[i]!, bold: true));
                desc.Add($"{label}: {texts[i]}");
            }
            else
            {
                svg.Append(Text(zero + 6, mid, FontSmall, "chart-note", suppressedText, italic: true));
                desc.Add($"{label}: {Clean(suppressedText)}");
            }
        }

        return Figure(id, title, "chart-bars", height, string.Join("; ", desc), svg.ToString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Line chart
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// A line over labelled x positions (e.g. weeks), y axis from 0 with 3–5 gridlines. Up to 12 points get markers
    /// with their values; longer series get the line and the value of the last point only.
    /// Non-finite values leave a gap in the line.
    /// </summary>
    public static IHtmlContent LineChart(
        string id, string title, IReadOnlyList<LinePoint> points, string? unit = null,
        string emptyText = DefaultEmptyText, string valueFormat = "#,0.#")
    {
        ArgumentNullException.ThrowIfNull(points);
        id = SafeId(id);
        var finite = points.Where(p => double.IsFinite(p.Value)).Select(p => p.Value).ToList();
        if (points.Count == 0 || finite.Count == 0) return Empty(id, title, emptyText);

        var culture = CultureInfo.CurrentCulture;
        var ticks = NiceScale.Ticks(Math.Min(0, finite.Min()), Math.Max(0, finite.Max()));
        double lo = ticks[0], hi = ticks[^1];
        var tickTexts = ticks.Select(t => t.ToString("#,0.##", culture)).ToList();

        const double height = 230, top = 34, bottom = 190;
        int n = points.Count;
        var numbers = points.Select(p => double.IsFinite(p.Value) ? p.Value.ToString(valueFormat, culture) : null).ToList();
        double widest = numbers.Where(t => t is not null).Max(t => TextWidth(t!, FontSmall));
        double left = Pad + tickTexts.Max(t => TextWidth(t, FontSmall)) + 6;
        double right = Width - Pad - Math.Max(14, n <= 12 ? widest / 2 : 0);
        double step = n > 1 ? (right - left) / (n - 1) : 0;
        double X(int i) => n > 1 ? left + i * step : (left + right) / 2;
        double Y(double v) => bottom - (v - lo) / (hi - lo) * (bottom - top);

        var svg = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(unit))
            svg.Append(Text(Pad, 16, FontSmall, "chart-muted", $"({Clean(unit)})"));
        for (var t = 0; t < ticks.Count; t++)
        {
            double y = Y(ticks[t]);
            svg.Append(Inv($"<line class=\"{(ticks[t] == 0 ? "chart-axis" : "chart-grid")}\" x1=\"{F(left)}\" y1=\"{F(y)}\" x2=\"{F(right)}\" y2=\"{F(y)}\" stroke=\"{(ticks[t] == 0 ? Muted : Line)}\" stroke-width=\"1\"/>"));
            svg.Append(Text(left - 6, y + 4.5, FontSmall, "chart-muted", tickTexts[t], anchor: "end"));
        }

        // X labels: as many as fit (at most about 8), always including the last (most recent) point.
        double labelWidth = points.Max(p => TextWidth(Clean(p.Label), FontSmall)) + 8;
        int every = n > 1 ? Math.Max((int)Math.Ceiling(n / 8.0), (int)Math.Ceiling(labelWidth / step)) : 1;
        double limit = double.PositiveInfinity; // left edge of the label placed last (they are placed right to left)
        var xLabels = new List<string>();
        for (var i = n - 1; i >= 0; i--)
        {
            if ((n - 1 - i) % every != 0) continue;
            var anchor = n > 1 && i == 0 ? "start" : i == n - 1 && n > 1 ? "end" : "middle";
            double x = anchor == "start" ? X(i) - 4 : anchor == "end" ? X(i) + 4 : X(i);
            var text = Truncate(Clean(points[i].Label), 8);
            double w = TextWidth(text, FontSmall);
            double from = anchor == "start" ? x : anchor == "end" ? x - w : x - w / 2;
            if (from + w + 8 > limit) continue;
            limit = from;
            xLabels.Insert(0, Text(x, bottom + 20, FontSmall, "chart-label", Clean(points[i].Label), 8 * FontSmall, anchor));
        }
        xLabels.ForEach(l => svg.Append(l));

        // The line, broken where a value is missing.
        var path = new StringBuilder();
        var pen = false;
        for (var i = 0; i < n; i++)
        {
            if (!double.IsFinite(points[i].Value)) { pen = false; continue; }
            path.Append(Inv($"{(pen ? " L" : " M")}{F(X(i))} {F(Y(points[i].Value))}"));
            pen = true;
        }
        svg.Append(Inv($"<path class=\"chart-line\" d=\"{path.ToString().Trim()}\" fill=\"none\" stroke=\"{Accent}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>"));

        var values = points.Select(p => double.IsFinite(p.Value) ? WithUnit(p.Value.ToString(valueFormat, culture), unit) : "—").ToList();
        if (n <= 12)
        {
            // Each value goes on the outside of the bend (above a peak, below a dip), and flips side when it would
            // overlap its left neighbour's value.
            var below = new bool[n];
            var spans = new (double From, double To, double Y)?[n];
            for (var i = 0; i < n; i++)
            {
                if (numbers[i] is not { } text) continue;
                double x = X(i), y = Y(points[i].Value), v = points[i].Value;
                double? prev = i > 0 && numbers[i - 1] is not null ? points[i - 1].Value : null;
                double? next = i < n - 1 && numbers[i + 1] is not null ? points[i + 1].Value : null;
                double around = (prev, next) switch
                {
                    ({ } p, { } q) => (p + q) / 2,
                    ({ } p, null) => p,
                    (null, { } q) => q,
                    _ => v,
                };
                below[i] = v < around;
                // The first value starts at its marker so that it does not run into the y axis labels.
                bool first = n > 1 && i == 0;
                double w = TextWidth(text, FontSmall);
                double from = first ? x - 3 : x - w / 2, to = from + w;
                double LabelY(bool under) => under ? y + 18 : y - 9;
                if (i > 0 && spans[i - 1] is { } neighbour && neighbour.To + 2 > from && Math.Abs(neighbour.Y - LabelY(below[i])) < 14)
                    below[i] = !below[i];
                if (below[i] && y + 20 > bottom) below[i] = false;
                spans[i] = (from, to, LabelY(below[i]));
                svg.Append(Inv($"<circle class=\"chart-point\" cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"4\" fill=\"{Accent}\"/>"));
                svg.Append(Text(first ? x - 3 : x, LabelY(below[i]), FontSmall, "chart-value", text, anchor: first ? "start" : "middle", bold: true));
            }
        }
        else
        {
            int last = Enumerable.Range(0, n).Last(i => numbers[i] is not null);
            double x = X(last), y = Y(points[last].Value);
            svg.Append(Inv($"<circle class=\"chart-point\" cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"4\" fill=\"{Accent}\"/>"));
            svg.Append(Text(x, y - 9, FontSmall, "chart-value", numbers[last]!, anchor: "end", bold: true));
        }

        var desc = string.Join("; ", points.Select((p, i) => $"{Clean(p.Label)}: {values[i]}"));
        return Figure(id, title, "chart-lines", height, desc, svg.ToString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Slope chart
    // ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Before/after per row on a shared scale from <paramref name="min"/> to <paramref name="max"/>: a line from the
    /// before value (left column, hollow circle) to the after value (right column, filled square), the numbers
    /// written beside the markers and the row label after the right-hand number. Rows with a missing side are
    /// listed under the chart as "label: suppressedText".
    /// </summary>
    public static IHtmlContent SlopeChart(
        string id, string title, IReadOnlyList<SlopeDatum> rows, string beforeLabel, string afterLabel,
        double min = 1, double max = 5, string suppressedText = DefaultSuppressedText,
        string emptyText = DefaultEmptyText, string valueFormat = "0.0")
    {
        ArgumentNullException.ThrowIfNull(rows);
        id = SafeId(id);
        if (rows.Count == 0) return Empty(id, title, emptyText);
        if (!(max > min)) throw new ArgumentOutOfRangeException(nameof(max), "max must be greater than min.");

        var culture = CultureInfo.CurrentCulture;
        var shown = rows.Where(r => r.Before is { } b && double.IsFinite(b) && r.After is { } a && double.IsFinite(a)).ToList();
        var hidden = rows.Where(r => !shown.Contains(r)).ToList();

        const double headerY = 20, top = 44, labelGap = 17, beforeX = 62, afterX = 156;
        double plotHeight = shown.Count == 0 ? 0 : Math.Max(220, (shown.Count - 1) * labelGap + 10);
        double bottom = top + plotHeight;
        double Y(double v) => bottom - (Math.Clamp(v, min, max) - min) / (max - min) * plotHeight;

        var svg = new StringBuilder();
        // Column headings with the marker shape as a key, so before/after never depends on colour.
        svg.Append(Inv($"<circle class=\"chart-before\" cx=\"{F(beforeX - TextWidth(Clean(beforeLabel), FontSmall) / 2 - 9)}\" cy=\"{F(headerY - 4.5)}\" r=\"4.5\" fill=\"{Bg}\" stroke=\"{Muted}\" stroke-width=\"2\"/>"));
        svg.Append(Text(beforeX, headerY, FontSmall, "chart-label", Clean(beforeLabel), 6 * FontSmall, "middle", bold: true));
        svg.Append(Inv($"<rect class=\"chart-after\" x=\"{F(afterX - TextWidth(Clean(afterLabel), FontSmall) / 2 - 13.5)}\" y=\"{F(headerY - 9)}\" width=\"9\" height=\"9\" fill=\"{Accent}\"/>"));
        svg.Append(Text(afterX, headerY, FontSmall, "chart-label", Clean(afterLabel), 6 * FontSmall, "middle", bold: true));

        if (shown.Count > 0)
        {
            foreach (var t in NiceScale.Ticks(min, max).Where(t => t >= min && t <= max))
                svg.Append(Inv($"<line class=\"chart-grid\" x1=\"{F(beforeX)}\" y1=\"{F(Y(t))}\" x2=\"{F(afterX)}\" y2=\"{F(Y(t))}\" stroke=\"{Line}\" stroke-width=\"1\"/>"));
            foreach (var x in new[] { beforeX, afterX })
                svg.Append(Inv($"<line class=\"chart-axis\" x1=\"{F(x)}\" y1=\"{F(top)}\" x2=\"{F(x)}\" y2=\"{F(bottom)}\" stroke=\"{Muted}\" stroke-width=\"1\"/>"));

            // Lines first, then the markers on top of them, then the numbers and labels; a number pushed away
            // from its marker (to stay clear of its neighbours) gets a thin leader line back to it.
            var yb = shown.Select(r => Y(r.Before!.Value)).ToList();
            var ya = shown.Select(r => Y(r.After!.Value)).ToList();
            for (var i = 0; i < shown.Count; i++)
                svg.Append(Inv($"<line class=\"chart-line\" x1=\"{F(beforeX)}\" y1=\"{F(yb[i])}\" x2=\"{F(afterX)}\" y2=\"{F(ya[i])}\" stroke=\"{Accent}\" stroke-width=\"2.5\"/>"));
            for (var i = 0; i < shown.Count; i++)
            {
                svg.Append(Inv($"<circle class=\"chart-before\" cx=\"{F(beforeX)}\" cy=\"{F(yb[i])}\" r=\"5\" fill=\"{Bg}\" stroke=\"{Muted}\" stroke-width=\"2\"/>"));
                svg.Append(Inv($"<rect class=\"chart-after\" x=\"{F(afterX - 5)}\" y=\"{F(ya[i] - 5)}\" width=\"10\" height=\"10\" fill=\"{Accent}\"/>"));
            }
            var leftY = Spread(yb.Select(y => y + 4.5).ToList(), 15, top - 6, bottom + 10);
            var rightY = Spread(ya.Select(y => y + 4.5).ToList(), labelGap, top - 6, bottom + 10);
            for (var i = 0; i < shown.Count; i++)
            {
                var r = shown[i];
                string before = r.Before!.Value.ToString(valueFormat, culture), after = r.After!.Value.ToString(valueFormat, culture);
                if (Math.Abs(leftY[i] - 4.5 - yb[i]) > 2)
                    svg.Append(Inv($"<line class=\"chart-axis\" x1=\"{F(beforeX - 16)}\" y1=\"{F(leftY[i] - 4.5)}\" x2=\"{F(beforeX - 7)}\" y2=\"{F(yb[i])}\" stroke=\"{Muted}\" stroke-width=\"1\"/>"));
                if (Math.Abs(rightY[i] - 4.5 - ya[i]) > 2)
                    svg.Append(Inv($"<line class=\"chart-axis\" x1=\"{F(afterX + 7)}\" y1=\"{F(ya[i])}\" x2=\"{F(afterX + 16)}\" y2=\"{F(rightY[i] - 4.5)}\" stroke=\"{Muted}\" stroke-width=\"1\"/>"));
                svg.Append(Text(beforeX - 18, leftY[i], FontSmall, "chart-value", before, anchor: "end", bold: true));
                double valueX = afterX + 18;
                svg.Append(Text(valueX, rightY[i], FontSmall, "chart-value", after, bold: true));
                double labelX = valueX + TextWidth(after, FontSmall) + 6;
                svg.Append(Text(labelX, rightY[i], FontSmall, "chart-label", Clean(r.Label), Width - Pad - labelX));
            }
        }

        double noteY = (shown.Count > 0 ? bottom + 34 : top + 8);
        foreach (var r in hidden)
        {
            svg.Append(Text(Pad, noteY, FontSmall, "chart-note", $"{Clean(r.Label)}: {Clean(suppressedText)}", Width - 2 * Pad, italic: true));
            noteY += 19;
        }
        double height = noteY - 19 + 10;

        string b = Clean(beforeLabel), a = Clean(afterLabel);
        var desc = string.Join("; ", rows.Select(r => shown.Contains(r)
            ? $"{Clean(r.Label)}: {b} {r.Before!.Value.ToString(valueFormat, culture)}, {a} {r.After!.Value.ToString(valueFormat, culture)}"
            : $"{Clean(r.Label)}: {Clean(suppressedText)}"));
        desc += $" ({min.ToString("0.##", culture)}–{max.ToString("0.##", culture)})";
        return Figure(id, title, "chart-slopes", height, desc, svg.ToString());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shared pieces
    // ---------------------------------------------------------------------------------------------------------

    private static HtmlString Empty(string id, string title, string emptyText) =>
        new(Inv($"<figure class=\"chart\" id=\"{id}\"><figcaption class=\"chart-title\">{E(Clean(title))}</figcaption><p class=\"chart-empty\">{E(Clean(emptyText))}</p></figure>"));

    private static HtmlString Figure(string id, string title, string kind, double height, string desc, string body)
    {
        var t = E(Clean(title));
        return new HtmlString(string.Concat(
            Inv($"<figure class=\"chart {kind}\" id=\"{id}\"><figcaption class=\"chart-title\" aria-hidden=\"true\">{t}</figcaption>"),
            Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {F(Width)} {F(Math.Ceiling(height))}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\" focusable=\"false\">"),
            Inv($"<title id=\"{id}-title\">{t}</title><desc id=\"{id}-desc\">{E(desc)}</desc>{body}</svg></figure>")));
    }

    /// <summary>A text element; when the text is wider than <paramref name="maxWidth"/> it is cut with an ellipsis and the full text kept in a &lt;title&gt; for hover.</summary>
    private static string Text(double x, double y, double size, string cls, string text, double maxWidth = double.PositiveInfinity,
        string anchor = "start", bool bold = false, bool italic = false)
    {
        text = Clean(text);
        var shown = Truncate(text, maxWidth / size);
        var fill = cls is "chart-muted" or "chart-note" ? Muted : Fg;
        var sb = new StringBuilder();
        sb.Append(Inv($"<text class=\"{cls}\" x=\"{F(x)}\" y=\"{F(y)}\" font-size=\"{F(size)}\" fill=\"{fill}\""));
        if (anchor != "start") sb.Append(Inv($" text-anchor=\"{anchor}\""));
        if (bold) sb.Append(" font-weight=\"700\"");
        if (italic) sb.Append(" font-style=\"italic\"");
        sb.Append('>');
        if (shown.Length != text.Length) sb.Append("<title>").Append(E(text)).Append("</title>");
        sb.Append(E(shown)).Append("</text>");
        return sb.ToString();
    }

    /// <summary>Cuts <paramref name="text"/> to about <paramref name="budgetEm"/> em (a Japanese character is 1 em, a Latin one about 0.6, estimated generously), ending in "…".</summary>
    internal static string Truncate(string text, double budgetEm)
    {
        if (EmWidth(text) <= budgetEm) return text;
        var sb = new StringBuilder();
        double used = 1; // the ellipsis
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
        {
            var element = e.GetTextElement();
            used += EmWidth(element);
            if (used > budgetEm) break;
            sb.Append(element);
        }
        return sb.ToString().TrimEnd() + "…";
    }

    private static double TextWidth(string text, double size) => EmWidth(text) * size;

    private static double EmWidth(string text)
    {
        double w = 0;
        for (var i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c)) { w += 1; i++; continue; }
            w += c switch
            {
                >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
                    or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60'
                    or >= '\uFFE0' and <= '\uFFE6' or '…' or '—' => 1,
                >= '\uFF61' and <= '\uFF9F' => 0.5,
                ' ' or '.' or ',' or ':' or ';' or 'i' or 'l' or 'j' or '\'' or '|' or '!' => 0.32,
                'W' or 'M' or 'm' or 'w' or '%' or '@' => 0.95,
                >= 'A' and <= 'Z' => 0.72,
                >= '0' and <= '9' => 0.62,
                _ => 0.6,
            };
        }
        return w;
    }

    /// <summary>Pushes label positions apart so that neighbours are at least <paramref name="gap"/> apart, keeping them in [top, bottom] where possible. Order of the input is kept.</summary>
    private static List<double> Spread(List<double> wanted, double gap, double top, double bottom)
    {
        var order = Enumerable.Range(0, wanted.Count).OrderBy(i => wanted[i]).ToList();
        var y = order.Select(i => wanted[i]).ToArray();
        for (var k = 1; k < y.Length; k++) y[k] = Math.Max(y[k], y[k - 1] + gap);
        if (y.Length > 0 && y[^1] > bottom)
        {
            y[^1] = bottom;
            for (var k = y.Length - 2; k >= 0; k--) y[k] = Math.Min(y[k], y[k + 1] - gap);
        }
        for (var k = 0; k < y.Length; k++) y[k] = Math.Max(y[k], top + k * gap);
        var result = new double[wanted.Count];
        for (var k = 0; k < order.Count; k++) result[order[k]] = y[k];
        return [.. result];
    }

    private static string WithUnit(string number, string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit)) return number;
        unit = Clean(unit).Trim();
        // "120 min" but "120分" and "45%".
        return char.IsAsciiLetter(unit[0]) ? $"{number} {unit}" : number + unit;
    }

    /// <summary>Ids may only hold letters, digits, '-' and '_' (they are also used in aria-labelledby lists).</summary>
    private static string SafeId(string id)
    {
        var sb = new StringBuilder();
        foreach (var c in id ?? "") sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        var s = sb.ToString().Trim('-');
        return s.Length == 0 || !char.IsAsciiLetter(s[0]) ? "chart-" + s : s;
    }

    /// <summary>Control characters are not allowed in XML (and never meant in a label): they become spaces.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { sb.Append(c).Append(text[++i]); continue; }
            sb.Append(char.IsControl(c) || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' ? ' ' : c);
        }
        return sb.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A number for an attribute: invariant culture, at most two decimals.</summary>
    private static string F(double v)
    {
        var r = Math.Round(v, 2);
        return (r == 0 ? 0 : r).ToString("0.##", CultureInfo.InvariantCulture);
    }
}

/// <summary>"Nice" axis ticks: steps of 1, 2, 2.5 (from 25 up) or 5 times a power of ten, 3 to 5 ticks covering the range.</summary>
public static class NiceScale
{
    /// <summary>
    /// Ticks from a multiple of the step at or below <paramref name="min"/> to one at or above <paramref name="max"/>,
    /// at most <paramref name="maxTicks"/> of them (and at least 3 when maxTicks is 5): 0..37 → 0, 10, 20, 30, 40;
    /// 0..100 → 0, 25, 50, 75, 100; 1..5 → 1, 2, 3, 4, 5. An empty range (0..0) is widened to 0..1.
    /// </summary>
    public static IReadOnlyList<double> Ticks(double min, double max, int maxTicks = 5)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max)) throw new ArgumentOutOfRangeException(nameof(min), "The range must be finite.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicks, 2);
        if (min > max) (min, max) = (max, min);
        if (max == min) max = min + 1;

        var exponent = (int)Math.Floor(Math.Log10((max - min) / (maxTicks - 1)));
        for (var e = exponent; ; e++)
        {
            foreach (var m in new[] { 1.0, 2.0, 2.5, 5.0 })
            {
                if (m == 2.5 && e < 1) continue;
                double step = m * Math.Pow(10, e);
                double first = Math.Floor(min / step + 1e-9), last = Math.Ceiling(max / step - 1e-9);
                if (last - first + 1 > maxTicks) continue;
                int decimals = Math.Max(0, -e + 1);
                var ticks = new List<double>();
                for (var k = first; k <= last; k++) ticks.Add(Math.Round(k * step, Math.Min(decimals, 15)));
                return ticks;
            }
        }
    }
}
