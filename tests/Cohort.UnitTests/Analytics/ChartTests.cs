using System.Globalization;
using System.Text.Encodings.Web;
using System.Xml.Linq;
using Cohort.Web.Features.Analytics.Charts;
using Microsoft.AspNetCore.Html;

// The namespace ends in ".Charts" so that `--filter "FullyQualifiedName~Analytics.Charts"` selects these tests.
namespace Cohort.UnitTests.Analytics.Charts;

internal static class Svg
{
    public static string Html(IHtmlContent content)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        content.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    /// <summary>Parses the chart as XML: throws unless it is well-formed.</summary>
    public static XElement Parse(IHtmlContent content) => XElement.Parse(Html(content));

    public static IEnumerable<XElement> All(this XElement root, string localName) =>
        root.DescendantsAndSelf().Where(e => e.Name.LocalName == localName);

    public static XElement? Svg_(this XElement root) => root.All("svg").SingleOrDefault();

    public static string Desc(this XElement root) => root.All("desc").Single().Value;

    /// <summary>The visible text of the chart's text elements (without their hover titles).</summary>
    public static List<string> Texts(this XElement root) =>
        root.All("text").Select(t => string.Concat(t.Nodes().OfType<XText>().Select(n => n.Value))).ToList();

    public static T InCulture<T>(string name, Func<T> action)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = ui;
        }
    }

    public static readonly BarDatum[] ThreeBars = [new("はじめてのデータ分析", 120), new("Excel 入門", 45.5), new("生成AIの使い方", 8)];
    public static readonly LinePoint[] ThreeWeeks = [new("11/02", 30), new("11/09", 125), new("11/16", 0)];
    public static readonly SlopeDatum[] ThreeSkills = [new("課題設定", 2.4, 3.8), new("データ活用", 3.1, 3.0), new("チームワーク", 3.5, 4.2)];
}

public sealed class ChartOutputTests
{
    public static TheoryData<string> Kinds => new() { "bar", "line", "slope" };

    private static IHtmlContent Render(string kind, int count, string id = "c1") => kind switch
    {
        "bar" => SvgCharts.BarChart(id, "コース別の学習時間", Enumerable.Range(0, count).Select(i => new BarDatum($"コース {i}", i * 7.5)).ToList(), unit: "分"),
        "line" => SvgCharts.LineChart(id, "週ごとの学習時間", Enumerable.Range(0, count).Select(i => new LinePoint($"W{i}", i * 13 % 97)).ToList(), "分"),
        _ => SvgCharts.SlopeChart(id, "スキルの変化", Enumerable.Range(0, count).Select(i => new SlopeDatum($"スキル {i}", 1 + i % 5 * 0.7, 1.5 + i % 4)).ToList(), "事前", "事後"),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Empty_input_renders_a_box_with_the_empty_text_and_no_axis(string kind)
    {
        var html = kind switch
        {
            "bar" => SvgCharts.BarChart("e", "T", [], emptyText: "まだデータがありません"),
            "line" => SvgCharts.LineChart("e", "T", [], emptyText: "まだデータがありません"),
            _ => SvgCharts.SlopeChart("e", "T", [], "事前", "事後", emptyText: "まだデータがありません"),
        };
        var root = Svg.Parse(html);
        Assert.Null(root.Svg_());
        Assert.Equal("まだデータがありません", root.All("p").Single(p => (string?)p.Attribute("class") == "chart-empty").Value);
        Assert.Equal("T", root.All("figcaption").Single().Value);
    }

    [Theory]
    [InlineData("bar", 3)]
    [InlineData("bar", 50)]
    [InlineData("line", 1)]
    [InlineData("line", 3)]
    [InlineData("line", 12)]
    [InlineData("line", 50)]
    [InlineData("slope", 3)]
    [InlineData("slope", 50)]
    public void Small_and_large_inputs_render_well_formed_scalable_svg(string kind, int count)
    {
        var root = Svg.Parse(Render(kind, count));
        var svg = root.Svg_();
        Assert.NotNull(svg);

        // Scales with its container: a viewBox, and no width or height in pixels.
        var viewBox = ((string?)svg.Attribute("viewBox"))!.Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, viewBox.Length);
        Assert.True(viewBox[2] > 0 && viewBox[3] > 0);
        Assert.Equal("100%", (string?)svg.Attribute("width"));
        Assert.Null(svg.Attribute("height"));

        // Accessible: role img, named by its title, described by its desc.
        Assert.Equal("img", (string?)svg.Attribute("role"));
        var title = svg.Elements().First();
        Assert.Equal("title", title.Name.LocalName);
        Assert.Equal((string?)title.Attribute("id"), (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal((string?)svg.All("desc").Single().Attribute("id"), (string?)svg.Attribute("aria-describedby"));

        // Every label is in the description for screen readers.
        var desc = root.Desc();
        var labels = kind switch { "bar" => "コース ", "line" => "W", _ => "スキル " };
        for (var i = 0; i < count; i++) Assert.Contains($"{labels}{i}:", desc, StringComparison.Ordinal);

        // Everything drawn lies (horizontally) inside the viewBox.
        foreach (var x in root.All("text").Select(t => double.Parse((string)t.Attribute("x")!, CultureInfo.InvariantCulture)))
            Assert.InRange(x, 0, viewBox[2]);
    }

    [Fact]
    public void No_script_no_event_handlers_no_external_references_no_inline_styles()
    {
        foreach (var kind in new[] { "bar", "line", "slope" })
        {
            var root = Svg.Parse(Render(kind, 5));
            Assert.Empty(root.All("script"));
            Assert.Empty(root.All("foreignObject"));
            var attributes = root.DescendantsAndSelf().SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration).ToList();
            Assert.DoesNotContain(attributes, a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(attributes, a => a.Name.LocalName is "href" or "src" or "style");
            Assert.DoesNotContain(attributes, a => a.Value.Contains("url(", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public void Ids_are_unique_on_a_page_with_several_charts()
    {
        var page = new XElement("page",
            Svg.Parse(SvgCharts.BarChart("courses", "学習時間", Svg.ThreeBars)),
            Svg.Parse(SvgCharts.BarChart("devices", "学習時間", Svg.ThreeBars)),
            Svg.Parse(SvgCharts.LineChart("weeks", "学習時間", Svg.ThreeWeeks)),
            Svg.Parse(SvgCharts.SlopeChart("skills", "学習時間", Svg.ThreeSkills, "事前", "事後")),
            Svg.Parse(SvgCharts.SlopeChart("skills-2", "学習時間", [], "事前", "事後")));
        var ids = page.Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id is not null).ToList();
        Assert.Equal(4 * 3 + 1, ids.Count); // figure, title and desc per chart; the empty one only its figure
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());

        // Each aria reference points at an element of its own chart.
        foreach (var svg in page.Descendants().Where(e => e.Name.LocalName == "svg"))
        {
            var own = svg.Descendants().Select(e => (string?)e.Attribute("id")).ToHashSet();
            Assert.Contains((string?)svg.Attribute("aria-labelledby"), own);
            Assert.Contains((string?)svg.Attribute("aria-describedby"), own);
        }
    }

    [Fact]
    public void An_id_with_characters_unfit_for_an_id_list_is_made_safe()
    {
        var root = Svg.Parse(SvgCharts.BarChart("my chart\"<1>", "T", Svg.ThreeBars));
        var id = (string)root.Attribute("id")!;
        Assert.Matches("^[A-Za-z][A-Za-z0-9_-]*$", id);
        Assert.Equal($"{id}-title", (string?)root.Svg_()!.Attribute("aria-labelledby"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Text_with_markup_characters_and_Japanese_is_encoded_and_survives(string kind)
    {
        const string nasty = "<b>\"研修\" & 'A&B' </b>";
        var content = kind switch
        {
            "bar" => SvgCharts.BarChart("x", nasty, [new(nasty, 12), new("ok", null)], unit: "<分>", suppressedText: nasty),
            "line" => SvgCharts.LineChart("x", nasty, [new(nasty, 1), new("b", 2)], unit: "<分>"),
            _ => SvgCharts.SlopeChart("x", nasty, [new(nasty, 2, 3), new("ok", null, 4)], nasty, nasty, suppressedText: nasty),
        };
        var html = Svg.Html(content);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;&quot;研修&quot; &amp; &#39;A&amp;B&#39;", html, StringComparison.Ordinal);

        var root = XElement.Parse(html);
        Assert.Equal(nasty, root.All("title").First().Value);
        Assert.Equal(nasty, root.All("figcaption").Single().Value);
        Assert.Contains(nasty, root.Desc(), StringComparison.Ordinal);
        if (kind != "line") Assert.Contains(root.All("text"), t => t.Value.Contains(nasty, StringComparison.Ordinal));
        if (kind != "slope") Assert.Contains("<分>", root.Desc(), StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_in_labels_do_not_break_the_markup()
    {
        var root = Svg.Parse(SvgCharts.BarChart("x", "a\u0001b", [new("c\u0000d\uD800", 1)]));
        Assert.Equal("a b", root.All("title").First().Value);
    }

    [Fact]
    public void Numbers_in_attributes_are_invariant_whatever_the_culture()
    {
        foreach (var kind in new[] { "bar", "line", "slope" })
        {
            var root = Svg.InCulture("de-DE", () => Svg.Parse(Render(kind, 7)));
            var numeric = new[] { "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "font-size" };
            foreach (var a in root.Descendants().SelectMany(e => e.Attributes()).Where(a => numeric.Contains(a.Name.LocalName) && a.Value != "100%"))
                Assert.True(double.TryParse(a.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && !a.Value.Contains(',', StringComparison.Ordinal), $"{kind}: {a}");
            Assert.DoesNotContain(',', (string)root.Svg_()!.Attribute("viewBox")!);
            Assert.DoesNotContain(root.All("path").Select(p => (string)p.Attribute("d")!), d => d.Contains(',', StringComparison.Ordinal));
        }
    }
}

public sealed class BarChartTests
{
    [Fact]
    public void Draws_one_bar_per_value_and_writes_the_value_at_its_end()
    {
        var root = Svg.InCulture("ja-JP", () => Svg.Parse(SvgCharts.BarChart("b", "コース別", Svg.ThreeBars, unit: "分")));
        var bars = root.All("rect").Where(r => (string?)r.Attribute("class") == "chart-bar").ToList();
        Assert.Equal(3, bars.Count);
        var widths = bars.Select(b => double.Parse((string)b.Attribute("width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(widths[0] > widths[1] && widths[1] > widths[2]); // 120 > 45.5 > 8

        var texts = root.Texts();
        Assert.Contains("120分", texts);
        Assert.Contains("45.5分", texts);
        Assert.Contains("8分", texts);
        Assert.Equal("はじめてのデータ分析: 120分; Excel 入門: 45.5分; 生成AIの使い方: 8分", root.Desc());
    }

    [Fact]
    public void A_latin_unit_is_separated_by_a_space_and_the_format_is_used()
    {
        var root = Svg.InCulture("en-GB", () => Svg.Parse(SvgCharts.BarChart("b", "Courses", [new("A", 1234.567)], "#,0.0", "min")));
        Assert.Contains("1,234.6 min", root.Texts());
        Assert.Contains("A: 1,234.6 min", root.Desc(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_suppressed_value_draws_no_bar_but_the_note()
    {
        var root = Svg.Parse(SvgCharts.BarChart("b", "部署別", [new("総務課", 3), new("税務課", null), new("福祉課", 5)], suppressedText: "5人未満"));
        Assert.Equal(2, root.All("rect").Count(r => (string?)r.Attribute("class") == "chart-bar"));
        Assert.Single(root.All("text"), t => (string?)t.Attribute("class") == "chart-note" && t.Value == "5人未満");
        Assert.Contains("税務課: 5人未満", root.Desc(), StringComparison.Ordinal);
        Assert.Contains("総務課: 3", root.Desc(), StringComparison.Ordinal);
    }

    [Fact]
    public void All_values_suppressed_still_renders_the_labels_and_notes()
    {
        var root = Svg.Parse(SvgCharts.BarChart("b", "T", [new("A", null), new("B", null)]));
        Assert.Empty(root.All("rect"));
        Assert.Equal(2, root.Texts().Count(t => t == SvgCharts.DefaultSuppressedText));
    }

    [Fact]
    public void Negative_values_grow_left_of_the_zero_line()
    {
        var root = Svg.Parse(SvgCharts.BarChart("b", "変化", [new("A", -1), new("B", 2)]));
        var bars = root.All("rect").Select(r => (X: double.Parse((string)r.Attribute("x")!, CultureInfo.InvariantCulture), W: double.Parse((string)r.Attribute("width")!, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(bars[0].X + bars[0].W, bars[1].X, 1); // the negative bar ends where the positive one starts: at zero
        Assert.Equal(2 * bars[0].W, bars[1].W, 1);
    }

    [Fact]
    public void A_long_label_is_cut_with_an_ellipsis_and_kept_whole_in_a_hover_title()
    {
        var longTitle = "自治体職員のためのデータ利活用と政策立案の基礎から応用まで（令和七年度版）";
        var root = Svg.Parse(SvgCharts.BarChart("b", "T", [new(longTitle, 10), new("短い名前", 5)]));
        var label = root.All("text").First(t => (string?)t.Attribute("class") == "chart-label" && t.Element(t.Name.Namespace + "title") is not null);
        var visible = string.Concat(label.Nodes().OfType<XText>().Select(n => n.Value));
        Assert.EndsWith("…", visible, StringComparison.Ordinal);
        Assert.InRange(visible.Length, 20, 25);
        Assert.StartsWith(visible.TrimEnd('…'), longTitle, StringComparison.Ordinal);
        Assert.Equal(longTitle, label.Element(label.Name.Namespace + "title")!.Value);
        Assert.Contains(longTitle, root.Desc(), StringComparison.Ordinal);
        // The short label is not cut and has no hover title.
        Assert.Contains("短い名前", root.Texts());
        Assert.Single(root.All("text"), t => t.Elements().Any());
    }
}

public sealed class LineChartTests
{
    [Fact]
    public void Up_to_twelve_points_get_markers_and_values()
    {
        var root = Svg.InCulture("ja-JP", () => Svg.Parse(SvgCharts.LineChart("l", "週ごとの学習時間", Svg.ThreeWeeks, "分")));
        Assert.Equal(3, root.All("circle").Count());
        var texts = root.Texts();
        foreach (var v in new[] { "30", "125", "0" }) Assert.Contains(v, texts);
        foreach (var x in new[] { "11/02", "11/09", "11/16" }) Assert.Contains(x, texts);
        Assert.Contains("(分)", texts);
        Assert.Equal("11/02: 30分; 11/09: 125分; 11/16: 0分", root.Desc());
        Assert.StartsWith("M", (string)root.All("path").Single().Attribute("d")!, StringComparison.Ordinal);
    }

    [Fact]
    public void The_y_axis_starts_at_zero_with_three_to_five_nice_gridlines()
    {
        var root = Svg.InCulture("ja-JP", () => Svg.Parse(SvgCharts.LineChart("l", "T", Svg.ThreeWeeks)));
        var gridlines = root.All("line").Where(l => (string?)l.Attribute("class") is "chart-grid" or "chart-axis").ToList();
        Assert.InRange(gridlines.Count, 3, 5);
        // 0..125 → 0, 50, 100, 150
        var ticks = root.All("text").Where(t => (string?)t.Attribute("text-anchor") == "end" && (string?)t.Attribute("class") == "chart-muted").Select(t => t.Value).ToList();
        Assert.Equal(["0", "50", "100", "150"], ticks);
    }

    [Fact]
    public void More_than_twelve_points_draw_the_line_and_only_the_last_value()
    {
        var points = Enumerable.Range(0, 50).Select(i => new LinePoint($"{i}", 100 + i)).ToList();
        var root = Svg.InCulture("ja-JP", () => Svg.Parse(SvgCharts.LineChart("l", "T", points)));
        Assert.Single(root.All("circle"));
        Assert.Contains("149", root.Texts());
        Assert.DoesNotContain("148", root.Texts());
        for (var i = 0; i < 50; i++) Assert.Contains($"{i}: {100 + i}", root.Desc(), StringComparison.Ordinal);
        // The x labels are thinned so that they do not overlap, and the latest is always shown.
        var xLabels = root.All("text").Where(t => (string?)t.Attribute("class") == "chart-label").Select(t => t.Value).ToList();
        Assert.InRange(xLabels.Count, 2, 10);
        Assert.Equal("49", xLabels[^1]);
    }

    [Fact]
    public void A_missing_value_breaks_the_line()
    {
        var root = Svg.Parse(SvgCharts.LineChart("l", "T", [new("a", 1), new("b", double.NaN), new("c", 3), new("d", 4)]));
        var d = (string)root.All("path").Single().Attribute("d")!;
        Assert.Equal(2, d.Count(c => c == 'M'));
        Assert.Equal(3, root.All("circle").Count());
        Assert.Contains("b: —", root.Desc(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_missing_values_is_empty()
    {
        var root = Svg.Parse(SvgCharts.LineChart("l", "T", [new("a", double.NaN)], emptyText: "No data yet"));
        Assert.Null(root.Svg_());
        Assert.Contains("No data yet", root.Value, StringComparison.Ordinal);
    }
}

public sealed class SlopeChartTests
{
    [Fact]
    public void Each_row_is_a_line_from_a_hollow_circle_before_to_a_filled_square_after_with_the_numbers()
    {
        var root = Svg.InCulture("ja-JP", () => Svg.Parse(SvgCharts.SlopeChart("s", "スキルの変化", Svg.ThreeSkills, "事前", "事後")));
        var lines = root.All("line").Where(l => (string?)l.Attribute("class") == "chart-line").ToList();
        Assert.Equal(3, lines.Count);
        // One more circle and square than rows: the key next to the column headings.
        var circles = root.All("circle").ToList();
        var squares = root.All("rect").Where(r => (string?)r.Attribute("class") == "chart-after").ToList();
        Assert.Equal(4, circles.Count);
        Assert.Equal(4, squares.Count);
        Assert.All(circles, c => Assert.Equal("chart-before", (string?)c.Attribute("class")));
        Assert.All(squares, s => Assert.Equal((string?)s.Attribute("width"), (string?)s.Attribute("height")));

        // Before on the left, after on the right; a higher value is drawn higher.
        var first = lines[0];
        double X(string a) => double.Parse((string)first.Attribute(a)!, CultureInfo.InvariantCulture);
        Assert.True(X("x1") < X("x2"));
        Assert.True(X("y2") < X("y1")); // 2.4 → 3.8 goes up

        var texts = root.Texts();
        foreach (var v in new[] { "2.4", "3.8", "3.1", "3.0", "3.5", "4.2", "事前", "事後", "課題設定", "データ活用", "チームワーク" })
            Assert.Contains(v, texts);
        Assert.StartsWith("課題設定: 事前 2.4, 事後 3.8; データ活用: 事前 3.1, 事後 3.0; チームワーク: 事前 3.5, 事後 4.2", root.Desc(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_suppressed_row_is_a_note_without_a_line()
    {
        var rows = new SlopeDatum[] { new("課題設定", 2.4, 3.8), new("データ活用", null, 3.0), new("チームワーク", 3.5, null) };
        var root = Svg.Parse(SvgCharts.SlopeChart("s", "T", rows, "事前", "事後", suppressedText: "5人未満"));
        Assert.Single(root.All("line"), l => (string?)l.Attribute("class") == "chart-line");
        var notes = root.All("text").Where(t => (string?)t.Attribute("class") == "chart-note").Select(t => t.Value).ToList();
        Assert.Equal(["データ活用: 5人未満", "チームワーク: 5人未満"], notes);
        Assert.Contains("データ活用: 5人未満", root.Desc(), StringComparison.Ordinal);
    }

    [Fact]
    public void Close_values_get_labels_that_do_not_overlap()
    {
        var rows = Enumerable.Range(0, 8).Select(i => new SlopeDatum($"S{i}", 3.0 + i * 0.01, 3.5 + i * 0.01)).ToList();
        var root = Svg.Parse(SvgCharts.SlopeChart("s", "T", rows, "Before", "After"));
        var labelYs = root.All("text").Where(t => t.Value.StartsWith('S')).Select(t => double.Parse((string)t.Attribute("y")!, CultureInfo.InvariantCulture)).OrderBy(y => y).ToList();
        Assert.Equal(8, labelYs.Count);
        for (var i = 1; i < labelYs.Count; i++) Assert.True(labelYs[i] - labelYs[i - 1] >= 13, $"{labelYs[i - 1]} / {labelYs[i]}");
        var viewBoxHeight = double.Parse(((string)root.Svg_()!.Attribute("viewBox")!).Split(' ')[3], CultureInfo.InvariantCulture);
        Assert.True(labelYs[^1] < viewBoxHeight);
    }

    [Fact]
    public void Only_suppressed_rows_render_the_notes()
    {
        var root = Svg.Parse(SvgCharts.SlopeChart("s", "T", [new("A", null, null)], "Before", "After", suppressedText: "fewer than 5"));
        Assert.DoesNotContain(root.All("line"), l => (string?)l.Attribute("class") == "chart-line");
        Assert.Contains("A: fewer than 5", root.Texts());
    }
}

public sealed class NiceScaleTests
{
    [Theory]
    [InlineData(0, 37, new double[] { 0, 10, 20, 30, 40 })]
    [InlineData(0, 40, new double[] { 0, 10, 20, 30, 40 })]
    [InlineData(0, 100, new double[] { 0, 25, 50, 75, 100 })]
    [InlineData(0, 125, new double[] { 0, 50, 100, 150 })]
    [InlineData(0, 10, new double[] { 0, 5, 10 })]
    [InlineData(0, 5, new double[] { 0, 2, 4, 6 })]
    [InlineData(1, 5, new double[] { 1, 2, 3, 4, 5 })]
    [InlineData(0, 1, new double[] { 0, 0.5, 1 })]
    [InlineData(0, 0.3, new double[] { 0, 0.1, 0.2, 0.3 })]
    [InlineData(0, 1234, new double[] { 0, 500, 1000, 1500 })]
    [InlineData(-12, 30, new double[] { -20, 0, 20, 40 })]
    [InlineData(0, 0, new double[] { 0, 0.5, 1 })]
    public void Gives_round_ticks_covering_the_range(double min, double max, double[] expected) =>
        Assert.Equal(expected, NiceScale.Ticks(min, max));

    [Fact]
    public void Always_three_to_five_evenly_spaced_ticks_covering_the_range()
    {
        for (var max = 0.07; max < 1e6; max *= 1.37)
        {
            var ticks = NiceScale.Ticks(0, max);
            Assert.InRange(ticks.Count, 3, 5);
            Assert.Equal(0, ticks[0]);
            Assert.True(ticks[^1] >= max, $"{max}: {string.Join(", ", ticks)}");
            var step = ticks[1] - ticks[0];
            for (var i = 2; i < ticks.Count; i++) Assert.Equal(step, ticks[i] - ticks[i - 1], 9);
        }
    }
}
