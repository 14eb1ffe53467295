using System.Globalization;
using System.Text;
using Cohort.Web.Infrastructure.Csv;
using Cohort.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace Cohort.Web.Features.Analytics;

/// <summary>One table of the analytics, as shown under its chart and as exported; a null cell is suppressed.</summary>
public sealed record AnalyticsTable(string Key, string Title, IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// The numbers behind the charts as tables, and their CSV (UTF-8 with BOM, as Excel in Japan expects) and Excel
/// forms. Suppressed cells say so in words rather than being left blank, so a reader never mistakes them for zero.
/// </summary>
public static class AnalyticsTables
{
    public static readonly string[] Keys = ["skills", "teams", "departments", "weeks", "courses", "devices", "effort", "individuals"];

    public static IReadOnlyList<AnalyticsTable> Build(LearningAnalytics.Result data, IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(l);
        var tables = new List<AnalyticsTable>
        {
            new("skills", l["Skill change (before and after)"],
                [l["Skill"], "N", l["Before (mean)"], l["After (mean)"], l["Change (mean)"], l["95% CI of the change"], l["Before (median)"], l["After (median)"], l["Effect size (d)"], l["95% CI of the effect size"]],
                [.. data.Skills.Select(s => (IReadOnlyList<object?>)[
                    s.Key == LearningAnalytics.OverallKey ? l["All skills"].Value : s.Label, s.N,
                    Round(s.Change?.PreMean), Round(s.Change?.PostMean), Round(s.Change?.MeanChange), Interval(s.Change?.ChangeLow, s.Change?.ChangeHigh),
                    Round(s.Change?.PreMedian), Round(s.Change?.PostMedian), Round(s.Change?.EffectSize), Interval(s.Change?.EffectSizeLow, s.Change?.EffectSizeHigh)])]),
            Groups("teams", l["By team"], l["Team"], data.ByTeam, l),
            Groups("departments", l["By department"], l["Department"], data.ByDepartment, l),
            new("weeks", l["Learning minutes per week"], [l["Week from"], l["Active learners"], l["Learning minutes"]],
                [.. data.Weeks.Select(w => (IReadOnlyList<object?>)[w.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.ActiveLearners, w.Minutes])]),
            new("courses", l["Courses"], [l["Course"], l["Category"], l["Learners"], l["Completed by"], l["Learning minutes"]],
                [.. data.Courses.Select(c => (IReadOnlyList<object?>)[c.Title, c.Category, c.Learners, c.Completions, c.Minutes])]),
            new("devices", l["Devices"], [l["Device"], l["Learners"], l["Learning minutes"], l["Share of minutes"]],
                [.. data.Devices.Select(d => (IReadOnlyList<object?>)[l["Device" + d.Device].Value, d.Learners, d.Minutes, d.Share is { } s ? Math.Round(s * 100, 1) : null])]),
            Groups("effort", l["Skill change by learning minutes"], l["Learning minutes"],
                [.. data.EffortOutcome.ByMinutes.Select(g => g with { Label = l["Minutes " + g.Label].Value }), .. data.EffortOutcome.ByPrototype.Select(g => g with { Label = l["Prototype " + g.Label].Value })], l),
        };

        if (data.ShowsIndividuals)
        {
            tables.Add(new("individuals", l["Each participant"],
                [l["Name"], l["Team"], l["Department"], l["Before"], l["After"], l["Change in score"], l["Learning minutes"], l["Courses completed"]],
                [.. data.Individuals.Select(i => (IReadOnlyList<object?>)[i.Name, i.Team, i.Department, Round(i.Pre), Round(i.Post),
                    i.Pre is { } a && i.Post is { } b ? Round(b - a) : null, i.Minutes, i.CoursesCompleted])]));
        }

        return tables;
    }

    public static byte[] ToCsv(AnalyticsTable table, IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(",", table.Headings.Select(CsvText.Quote)));
        foreach (var row in table.Rows)
        {
            csv.AppendLine(string.Join(",", row.Select(cell => cell is string text ? CsvText.Quote(text) : Plain(Text(cell, l)))));
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static byte[] ToXlsx(IReadOnlyList<AnalyticsTable> tables, IStringLocalizer<SharedResource> l)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var sheets = new Dictionary<string, object>();
        foreach (var table in tables)
        {
            var rows = table.Rows.Select(row =>
            {
                var line = new Dictionary<string, object>();
                for (var i = 0; i < table.Headings.Count; i++)
                {
                    var cell = i < row.Count ? row[i] : null;
                    // Numbers stay numbers so people can chart them in Excel; a suppressed cell says so.
                    line[table.Headings[i]] = cell switch
                    {
                        null => l["fewer than 5"].Value,
                        string s => CsvText.Neutralise(s),
                        _ => cell,
                    };
                }

                return line;
            }).ToList();
            sheets[SheetName(table.Title, sheets.Keys)] = rows.Count > 0 ? rows : [table.Headings.ToDictionary(h => h, _ => (object)"")];
        }

        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheets);
        return stream.ToArray();
    }

    public static string Text(object? cell, IStringLocalizer<SharedResource> l) => cell switch
    {
        null => l["fewer than 5"].Value,
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    private static AnalyticsTable Groups(string key, string title, string labelHeading, IReadOnlyList<GroupRow> rows, IStringLocalizer<SharedResource> l) =>
        new(key, title, [labelHeading, "N", l["Before (mean)"], l["After (mean)"], l["Change (mean)"]],
            [.. rows.Select(g => (IReadOnlyList<object?>)[g.Label, g.N, Round(g.PreMean), Round(g.PostMean), Round(g.MeanChange)])]);


    private static double? Round(double? value) => value is { } v && double.IsFinite(v) ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;

    private static string? Interval(double? low, double? high) =>
        low is { } a && high is { } b ? $"{a.ToString("0.00", CultureInfo.InvariantCulture)} – {b.ToString("0.00", CultureInfo.InvariantCulture)}" : null;


    /// <summary>A number (or the suppression note) as written by <see cref="Text"/>: quoted, but a negative change stays a number.</summary>
    private static string Plain(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique.</summary>
    private static string SheetName(string title, IEnumerable<string> taken)
    {
        var clean = new string(title.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray());
        clean = clean.Length > 31 ? clean[..31] : clean;
        var name = clean;
        for (var i = 2; taken.Contains(name, StringComparer.OrdinalIgnoreCase); i++)
        {
            name = (clean.Length > 28 ? clean[..28] : clean) + " " + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}
