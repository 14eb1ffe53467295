using System.Globalization;
using System.Text;
using Cohort.Web.Domain;
using Cohort.Web.Features.Calendar;
using Cohort.Web.Infrastructure.Localization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Microsoft.Extensions.Time.Testing;
using VCalendar = Ical.Net.Calendar;

namespace Cohort.UnitTests.Calendar;

/// <summary>The .ics files are read back with Ical.Net, as a calendar app would read them.</summary>
public sealed class CalendarFileBuilderTests : IDisposable
{
    private static readonly DateTime Created = new(2026, 11, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly Guid ShowcaseId = Guid.Parse("6f1d3c52-8f0e-4b7a-9a57-0c5a3d4a2b11");

    private readonly CultureInfo _previousUi = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _previous = CultureInfo.CurrentCulture;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 30, 15, TimeSpan.FromHours(9)).AddTicks(1234));

    public CalendarFileBuilderTests() => UseCulture("ja-JP");

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previousUi;
        CultureInfo.CurrentCulture = _previous;
    }

    [Fact]
    public void A_showcase_in_Tokyo_starts_and_ends_at_the_right_instants()
    {
        var text = Builder().ForShowcase(NewShowcase(), "Asia/Tokyo");

        var calendar = Load(text);
        var e = Assert.Single(calendar.Events);
        Assert.Equal("Asia/Tokyo", e.Start!.TzId);
        Assert.Equal(new DateTime(2027, 2, 19, 4, 0, 0, DateTimeKind.Utc), e.Start.AsUtc);
        Assert.Equal(new DateTime(2027, 2, 19, 8, 0, 0, DateTimeKind.Utc), e.End!.AsUtc);
        Assert.Contains("DTSTART;TZID=Asia/Tokyo:20270219T130000\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTEND;TZID=Asia/Tokyo:20270219T170000\r\n", text, StringComparison.Ordinal);

        // The zone the TZID names is in the file: one fixed offset, no yearly "change".
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("Asia/Tokyo", zone.TzId);
        var standard = Assert.Single(zone.TimeZoneInfos);
        Assert.Equal(Components.Standard, standard.Name);
        Assert.Equal(TimeSpan.FromHours(9), standard.OffsetTo!.Offset);
        Assert.Equal(TimeSpan.FromHours(9), standard.OffsetFrom!.Offset);
        Assert.Null(standard.RecurrenceRule);
        Assert.DoesNotContain("RRULE", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_showcase_carries_what_an_invitee_needs()
    {
        var text = Builder().ForShowcase(NewShowcase(), "Asia/Tokyo");

        var e = Assert.Single(Load(text).Events);
        Assert.Equal($"showcase-{ShowcaseId}@cohort", e.Uid);
        Assert.Equal("DX推進研修 成果発表会", e.Summary);
        Assert.Equal("本庁舎 5階 大会議室 / 北支所", e.Location);
        Assert.Equal(new Uri("https://cohort.city.example.jp/s/a1b2c3"), e.Url);
        Assert.Equal(EventStatus.Confirmed, e.Status);
        Assert.Contains("DTSTAMP:20261124T003015Z\r\n", text, StringComparison.Ordinal);
        Assert.Contains("METHOD:PUBLISH\r\n", text, StringComparison.Ordinal);
        Assert.Equal(
            """
            各チームが半年の成果を発表します。

            プログラム（時刻は Asia/Tokyo）
            13:00–13:15 福祉申請チーム
            13:15–13:30 子育て窓口チーム – LINEで予約
            13:30–13:40 休憩

            プログラムと最新情報: https://cohort.city.example.jp/s/a1b2c3
            オンライン参加: https://teams.example/join/abc
            """.ReplaceLineEndings("\n"),
            e.Description);
    }

    [Fact]
    public void An_online_showcase_has_its_join_link_as_location_and_English_texts_in_English()
    {
        UseCulture("en-GB");
        var showcase = NewShowcase();
        showcase.Format = ShowcaseFormat.Online;
        showcase.Venues = null;

        var e = Assert.Single(Load(Builder().ForShowcase(showcase, "Asia/Tokyo")).Events);

        Assert.Equal("https://teams.example/join/abc", e.Location);
        Assert.Contains("Agenda (times in Asia/Tokyo)\n13:00–13:15 福祉申請チーム", e.Description, StringComparison.Ordinal);
        Assert.EndsWith("Join online: https://teams.example/join/abc", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_showcase_is_cancelled_in_the_file_and_supersedes_the_earlier_one()
    {
        var showcase = NewShowcase();
        var before = CalendarFileBuilder.Sequence(showcase);
        showcase.CancelledAt = showcase.UpdatedAt;
        showcase.CancelReason = "台風のため、中止します。\r\n日程は後日お知らせします。";

        var e = Assert.Single(Load(Builder().ForShowcase(showcase, "Asia/Tokyo")).Events);

        Assert.Equal(EventStatus.Cancelled, e.Status);
        Assert.Equal("【中止】DX推進研修 成果発表会", e.Summary);
        Assert.StartsWith("この成果発表会は中止されました。\n台風のため、中止します。\n日程は後日お知らせします。\n\n", e.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("teams.example", e.Description, StringComparison.Ordinal);
        Assert.Equal("本庁舎 5階 大会議室 / 北支所", e.Location);
        Assert.True(e.Sequence > before, $"SEQUENCE {e.Sequence} should be above {before}");
    }

    [Fact]
    public void The_sequence_grows_with_every_saved_change_of_the_showcase_or_its_agenda()
    {
        var showcase = NewShowcase();
        var first = CalendarFileBuilder.Sequence(showcase);
        Assert.Equal(0, first);

        showcase.UpdatedAt = Created.AddMinutes(5);
        var moved = CalendarFileBuilder.Sequence(showcase);
        showcase.Slots[1].UpdatedAt = Created.AddHours(1);
        var rearranged = CalendarFileBuilder.Sequence(showcase);
        showcase.CancelledAt = Created.AddHours(1);
        showcase.UpdatedAt = Created.AddHours(1);
        var cancelled = CalendarFileBuilder.Sequence(showcase);

        Assert.True(first < moved && moved < rearranged && rearranged < cancelled, $"{first} < {moved} < {rearranged} < {cancelled}");
        Assert.Equal(CalendarFileBuilder.Sequence(showcase), Assert.Single(Load(Builder().ForShowcase(showcase, "Asia/Tokyo")).Events).Sequence);
    }

    [Fact]
    public void Commas_semicolons_backslashes_and_line_breaks_are_escaped_and_read_back_unchanged()
    {
        var showcase = NewShowcase();
        showcase.Title = "成果発表会, 第1回; 「DX」\\まとめ";
        showcase.Description = "1行目, カンマ; セミコロン\r\n2行目\\バックスラッシュ";
        showcase.Venues = "本庁舎, 5階; 大会議室";

        var text = Builder().ForShowcase(showcase, "Asia/Tokyo");

        Assert.Contains(@"SUMMARY:成果発表会\, 第1回\; 「DX」\\まとめ", Unfold(text), StringComparison.Ordinal);
        Assert.Contains(@"DESCRIPTION:1行目\, カンマ\; セミコロン\n2行目\\バックスラッシュ\n\n", Unfold(text), StringComparison.Ordinal);
        var e = Assert.Single(Load(text).Events);
        Assert.Equal(showcase.Title, e.Summary);
        Assert.Equal("本庁舎, 5階; 大会議室", e.Location);
        Assert.StartsWith("1行目, カンマ; セミコロン\n2行目\\バックスラッシュ\n\n", e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_lines_are_folded_at_75_octets_without_cutting_a_character()
    {
        var showcase = NewShowcase();
        // Kanji outside the BMP and emoji are two UTF-16 units: a cut between them would corrupt both.
        showcase.Title = string.Concat(Enumerable.Repeat("𠮷野家😀さん、", 30));
        showcase.Description = string.Concat(Enumerable.Repeat("市民サービスの向上を目指すabc𩸽", 40));

        var text = Builder().ForShowcase(showcase, "Asia/Tokyo");
        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetBytes(text);
        var decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);

        Assert.Equal(text, decoded);
        Assert.DoesNotContain('\uFFFD', decoded);
        var lines = text.Split("\r\n");
        Assert.Equal("", lines[^1]);
        Assert.All(lines, line => Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"{Encoding.UTF8.GetByteCount(line)} octets: {line}"));
        Assert.Contains(lines, line => line.StartsWith(' '));
        Assert.DoesNotContain('\n', text.Replace("\r\n", "", StringComparison.Ordinal));
        var e = Assert.Single(Load(Encoding.UTF8.GetString(bytes)).Events);
        Assert.Equal(showcase.Title, e.Summary);
        Assert.StartsWith(showcase.Description, e.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Refolding_keeps_short_lines_and_undoes_any_earlier_folding()
    {
        var line = "DESCRIPTION:" + new string('a', 200);

        var folded = CalendarFileBuilder.Refold("BEGIN:VEVENT\r\n" + line[..70] + "\r\n " + line[70..] + "\r\nEND:VEVENT\r\n");

        var lines = folded.Split("\r\n");
        Assert.Equal("BEGIN:VEVENT", lines[0]);
        Assert.Equal(75, lines[1].Length);
        Assert.Equal(75, lines[2].Length);
        Assert.Equal("END:VEVENT", lines[^2]);
        Assert.Equal(line, string.Concat(lines[1..^2].Select((l, i) => i == 0 ? l : l[1..])));
    }

    [Fact]
    public void A_showcase_where_clocks_change_gets_the_zone_rules_and_the_right_instant()
    {
        var showcase = NewShowcase();
        showcase.Date = new DateOnly(2027, 7, 1);

        var calendar = Load(Builder().ForShowcase(showcase, "Europe/Berlin"));

        Assert.Equal(new DateTime(2027, 7, 1, 11, 0, 0, DateTimeKind.Utc), Assert.Single(calendar.Events).Start!.AsUtc);
        var zone = Assert.Single(calendar.TimeZones);
        Assert.Equal("Europe/Berlin", zone.TzId);
        Assert.Contains(zone.TimeZoneInfos, i => i.Name == Components.Daylight && i.OffsetTo!.Offset == TimeSpan.FromHours(2));
        Assert.Contains(zone.TimeZoneInfos, i => i.Name == Components.Standard && i.OffsetTo!.Offset == TimeSpan.FromHours(1));
    }

    [Fact]
    public void A_programme_has_its_milestones_all_day_and_its_showcases_that_are_still_on()
    {
        var (program, milestone) = NewProgram();
        var cancelled = NewShowcase(Guid.NewGuid());
        cancelled.CancelledAt = Created;

        var text = Builder().ForProgram(program, [NewShowcase(), cancelled]);

        var calendar = Load(text);
        Assert.Equal("DX推進研修 2027", calendar.Properties["X-WR-CALNAME"]?.Value);
        Assert.Equal(3, calendar.Events.Count);
        var due = calendar.Events.Single(e => e.Uid == $"milestone-{milestone.Id}@cohort");
        Assert.True(due.IsAllDay);
        Assert.Equal(new DateOnly(2027, 1, 15), due.Start!.Date);
        Assert.Equal(new DateOnly(2027, 1, 16), due.End!.Date);
        Assert.Equal("ステージ1 課題整理 – 中間レビュー資料", due.Summary);
        Assert.Equal("TRANSPARENT", due.Transparency);
        Assert.Equal(new Uri($"https://cohort.city.example.jp/Programs/{program.Id}/Milestones/{milestone.Id}"), due.Url);
        Assert.Contains("DTSTART;VALUE=DATE:20270115\r\n", text, StringComparison.Ordinal);
        Assert.Contains("DTEND;VALUE=DATE:20270116\r\n", text, StringComparison.Ordinal);
        Assert.Single(calendar.Events, e => e.Uid == $"showcase-{ShowcaseId}@cohort");
        Assert.DoesNotContain(calendar.Events, e => e.Uid == $"showcase-{cancelled.Id}@cohort");
        Assert.Single(calendar.TimeZones);
    }

    [Fact]
    public void Milestone_titles_follow_the_language_and_uids_stay_the_same()
    {
        var (program, milestone) = NewProgram();
        var japanese = Load(Builder().ForProgram(program, []));
        UseCulture("en-GB");
        _clock.Advance(TimeSpan.FromDays(3));

        var english = Load(Builder().ForProgram(program, []));

        Assert.Empty(english.TimeZones);
        Assert.Equal(japanese.Events.Select(e => e.Uid).Order(), english.Events.Select(e => e.Uid).Order());
        Assert.Equal("Stage 1 Problem framing – Interim review deck", english.Events.Single(e => e.Uid == $"milestone-{milestone.Id}@cohort").Summary);
        // Without an English name the Japanese one is used.
        Assert.Contains(english.Events, e => e.Summary == "Stage 1 Problem framing – 最終報告");
    }

    private CalendarFileBuilder Builder() => new(_clock, JsonStringLocalizer.Create(), "https://cohort.city.example.jp/");

    private static VCalendar Load(string text) => VCalendar.Load(text) ?? throw new InvalidOperationException("Not a calendar.");

    private static string Unfold(string text) => text.Replace("\r\n ", "", StringComparison.Ordinal);

    private static void UseCulture(string name)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
    }

    private static Showcase NewShowcase(Guid? id = null)
    {
        var showcase = new Showcase
        {
            Id = id ?? ShowcaseId,
            Title = "DX推進研修 成果発表会",
            Description = "各チームが半年の成果を発表します。",
            PublicKey = "a1b2c3",
            Date = new DateOnly(2027, 2, 19),
            StartTime = new TimeOnly(13, 0),
            EndTime = new TimeOnly(17, 0),
            Format = ShowcaseFormat.Hybrid,
            Venues = "本庁舎 5階 大会議室\n北支所",
            MeetingJoinUrl = "https://teams.example/join/abc",
            CreatedAt = Created,
            UpdatedAt = Created,
        };
        showcase.Slots.Add(Slot(2, new Team { Name = "子育て窓口チーム" }, "LINEで予約", 10, 5));
        showcase.Slots.Add(Slot(1, new Team { Name = "福祉申請チーム" }, null, 10, 5));
        showcase.Slots.Add(Slot(3, null, "休憩", 10, 0));
        return showcase;
    }

    private static ShowcaseSlot Slot(int order, Team? team, string? title, int minutes, int qa) => new()
    {
        Order = order,
        Team = team,
        TeamId = team?.Id,
        Title = title,
        Minutes = minutes,
        QaMinutes = qa,
        FeedbackKey = Guid.NewGuid().ToString("N"),
        CreatedAt = Created,
        UpdatedAt = Created,
    };

    private static (TrainingProgram Program, Milestone Milestone) NewProgram()
    {
        var program = new TrainingProgram { Title = "DX推進研修 2027", TemplateKey = "two-stage-dx", TimeZone = "Asia/Tokyo", StartDate = new DateOnly(2026, 10, 1) };
        var stage = new Stage { Key = "s1", Order = 1, Name = "ステージ1 課題整理", NameEn = "Stage 1 Problem framing", ProgramId = program.Id, CreatedAt = Created, UpdatedAt = Created };
        var milestone = new Milestone { Name = "中間レビュー資料", NameEn = "Interim review deck", DueDate = new DateOnly(2027, 1, 15), StageId = stage.Id, CreatedAt = Created, UpdatedAt = Created };
        stage.Milestones.Add(milestone);
        stage.Milestones.Add(new Milestone { Name = "最終報告", DueDate = new DateOnly(2027, 2, 5), StageId = stage.Id, CreatedAt = Created, UpdatedAt = Created });
        program.Stages.Add(stage);
        return (program, milestone);
    }
}
