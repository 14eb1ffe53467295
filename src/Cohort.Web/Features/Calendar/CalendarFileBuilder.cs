using System.Globalization;
using System.Text;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Localization;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.Extensions.Localization;
using VCalendar = Ical.Net.Calendar;

namespace Cohort.Web.Features.Calendar;

/// <summary>
/// Writes iCalendar (RFC 5545) files that people add to any calendar app: a showcase as one event in the
/// programme's time zone, a programme as its milestones (all-day) and its showcases. Texts follow the current UI
/// language. Pure: everything it needs is passed in, the time of writing (DTSTAMP) comes from the clock.
/// </summary>
public sealed class CalendarFileBuilder(TimeProvider clock, IStringLocalizer l, string publicUrl)
{
    private const string ProductId = "-//Cohort//Cohort//EN";
    private const int MaxLineOctets = 75;

    private readonly string _publicUrl = publicUrl.TrimEnd('/');

    /// <summary>One showcase (with its slots and their teams loaded); a cancelled one says so.</summary>
    public string ForShowcase(Showcase showcase, string timeZone)
    {
        var calendar = NewCalendar();
        AddTimeZone(calendar, timeZone, [showcase.Date]);
        calendar.Events.Add(ShowcaseEvent(showcase, timeZone));
        return Write(calendar);
    }

    /// <summary>
    /// A programme's milestones (its stages and their milestones loaded) and its showcases that are still on.
    /// </summary>
    public string ForProgram(TrainingProgram program, IEnumerable<Showcase> showcases)
    {
        var calendar = NewCalendar();
        calendar.AddProperty("X-WR-CALNAME", program.Title);
        var live = showcases.Where(s => !s.IsCancelled).OrderBy(s => s.Date).ThenBy(s => s.StartTime).ToList();
        if (live.Count > 0)
        {
            AddTimeZone(calendar, program.TimeZone, live.Select(s => s.Date));
        }

        foreach (var stage in program.Stages.OrderBy(s => s.Order))
        {
            foreach (var milestone in stage.Milestones.OrderBy(m => m.DueDate).ThenBy(m => m.Name, StringComparer.Ordinal))
            {
                calendar.Events.Add(MilestoneEvent(program.Id, stage, milestone));
            }
        }

        foreach (var showcase in live)
        {
            calendar.Events.Add(ShowcaseEvent(showcase, program.TimeZone));
        }

        return Write(calendar);
    }

    /// <summary>
    /// SEQUENCE must grow with every change, or a calendar app that already has the event keeps the old copy when
    /// the file is opened again. No counter covers every change (MeetingRevision moves only for meetings the app
    /// manages through Microsoft 365), so it is the number of seconds from the showcase's creation to its latest
    /// saved change — of the showcase itself or of a slot of its agenda — plus one once it is cancelled, so that the
    /// cancellation always wins even within the same second. The app's clock only runs forward, so it never goes back.
    /// </summary>
    public static int Sequence(Showcase showcase)
    {
        var latest = showcase.Slots.Select(s => s.UpdatedAt).Append(showcase.UpdatedAt).Max();
        return SecondsBetween(showcase.CreatedAt, latest) + (showcase.IsCancelled ? 1 : 0);
    }

    /// <summary>The same rule for a milestone: its own changes and its stage's (whose name is in the title).</summary>
    public static int Sequence(Stage stage, Milestone milestone) =>
        SecondsBetween(milestone.CreatedAt, stage.UpdatedAt > milestone.UpdatedAt ? stage.UpdatedAt : milestone.UpdatedAt);

    public static string ShowcaseUid(Guid showcaseId) => $"showcase-{showcaseId:D}@cohort";

    public static string MilestoneUid(Guid milestoneId) => $"milestone-{milestoneId:D}@cohort";

    private static int SecondsBetween(DateTime from, DateTime to) =>
        (int)Math.Clamp((long)(to - from).TotalSeconds, 0, int.MaxValue - 1);

    private static VCalendar NewCalendar() => new() { ProductId = ProductId, Method = CalendarMethods.Publish };

    private CalendarEvent ShowcaseEvent(Showcase showcase, string timeZone)
    {
        var agendaUrl = $"{_publicUrl}/s/{Uri.EscapeDataString(showcase.PublicKey)}";
        // As on the public agenda: the link of a cancelled showcase is no longer shown.
        var joinUrl = showcase.IsCancelled || string.IsNullOrWhiteSpace(showcase.MeetingJoinUrl) ? null : showcase.MeetingJoinUrl.Trim();
        var venues = showcase.VenueList();
        var location = venues.Count > 0 ? string.Join(" / ", venues) : joinUrl;
        var calendarEvent = new CalendarEvent
        {
            Uid = ShowcaseUid(showcase.Id),
            DtStamp = Stamp(),
            Sequence = Sequence(showcase),
            Summary = showcase.IsCancelled ? l["Cancelled: {0}", showcase.Title] : showcase.Title,
            Description = ShowcaseDescription(showcase, timeZone, agendaUrl, joinUrl),
            Start = new CalDateTime(showcase.Date, showcase.StartTime, timeZone),
            End = new CalDateTime(showcase.Date, showcase.EndTime, timeZone),
            Url = new Uri(agendaUrl),
            // A downloaded file is published, not sent as an iTIP message: METHOD:CANCEL would need the organiser and
            // attendees, so the cancellation is the event's status, which calendar apps apply to the event they have.
            Status = showcase.IsCancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
        if (location is not null)
        {
            calendarEvent.Location = location;
        }

        return calendarEvent;
    }

    private string ShowcaseDescription(Showcase showcase, string timeZone, string agendaUrl, string? joinUrl)
    {
        var text = new StringBuilder();
        if (showcase.IsCancelled)
        {
            text.Append(l["This showcase has been cancelled."]).Append('\n');
            if (!string.IsNullOrWhiteSpace(showcase.CancelReason))
            {
                text.Append(Lines(showcase.CancelReason)).Append('\n');
            }

            text.Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(showcase.Description))
        {
            text.Append(Lines(showcase.Description)).Append("\n\n");
        }

        var agenda = showcase.Agenda();
        if (agenda.Count > 0)
        {
            text.Append(l["Agenda (times in {0})", timeZone]).Append('\n');
            foreach (var (slot, start, end) in agenda)
            {
                text.Append(Time(start)).Append('–').Append(Time(end)).Append(' ').Append(SlotName(slot)).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(l["Agenda and updates: {0}", agendaUrl]).Append('\n');
        if (joinUrl is not null)
        {
            text.Append(l["Join online: {0}", joinUrl]).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string SlotName(ShowcaseSlot slot)
    {
        var title = string.IsNullOrWhiteSpace(slot.Title) ? null : Lines(slot.Title).Replace('\n', ' ');
        var team = slot.Team?.Name;
        return (team, title) switch
        {
            (null, null) => "",
            (null, _) => title,
            (_, null) => team,
            _ => $"{team} – {title}",
        };
    }

    private CalendarEvent MilestoneEvent(Guid programId, Stage stage, Milestone milestone)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(milestone.Description))
        {
            text.Append(Lines(milestone.Description)).Append("\n\n");
        }

        var url = $"{_publicUrl}/Programs/{programId:D}/Milestones/{milestone.Id:D}";
        text.Append(url);
        return new CalendarEvent
        {
            Uid = MilestoneUid(milestone.Id),
            DtStamp = Stamp(),
            Sequence = Sequence(stage, milestone),
            Summary = $"{Display.Name(stage.Name, stage.NameEn)} – {Display.Name(milestone.Name, milestone.NameEn)}",
            Description = text.ToString(),
            // All day on the due date: a date-only start and the next day as the (exclusive) end.
            Start = new CalDateTime(milestone.DueDate),
            End = new CalDateTime(milestone.DueDate.AddDays(1)),
            Url = new Uri(url),
            // A due date is a reminder, not time taken: it does not show the person as busy.
            Transparency = TransparencyType.Transparent,
        };
    }

    private CalDateTime Stamp()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new CalDateTime(new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc), CalDateTime.UtcTzId);
    }

    /// <summary>
    /// The VTIMEZONE the TZID of the events refers to. Where the zone keeps one offset from a year before the events
    /// to a year after them (Asia/Tokyo), it is that offset alone: Ical.Net would give such a zone a yearly "change"
    /// to the same offset. Elsewhere Ical.Net writes the zone's current daylight-saving rules, so that an app that
    /// goes by the file's zone still gets the time right if someone moves the event to another season.
    /// </summary>
    private static void AddTimeZone(VCalendar calendar, string timeZone, IEnumerable<DateOnly> dates)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var days = dates.ToList();
        var first = days.Min().AddDays(-366);
        var last = days.Max().AddDays(366);
        var offset = zone.GetUtcOffset(first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var fixedOffset = true;
        for (var day = first; day <= last && fixedOffset; day = day.AddDays(1))
        {
            fixedOffset = zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)) == offset;
        }

        if (!fixedOffset)
        {
            // Ical.Net looks at the zone's history from a year before this date up to the real "now"; a fixed date in
            // the past keeps that range valid and the output the same whatever the clock says.
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(timeZone, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), includeHistoricalData: false));
            return;
        }

        var vTimeZone = new VTimeZone(timeZone);
        vTimeZone.TimeZoneInfos.Add(new VTimeZoneInfo(Components.Standard)
        {
            OffsetFrom = new UtcOffset(offset),
            OffsetTo = new UtcOffset(offset),
            Start = new CalDateTime(new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Unspecified), hasTime: true),
        });
        calendar.AddTimeZone(vTimeZone);
    }

    private static string Write(VCalendar calendar) =>
        Refold(new CalendarSerializer().SerializeToString(calendar) ?? throw new InvalidOperationException("The calendar could not be written."));

    /// <summary>
    /// Folds content lines at 75 octets of UTF-8 without ever cutting a character. Ical.Net 5.2.4 counts octets but
    /// may cut between the two halves of a surrogate pair (𠮷, emoji), which become U+FFFD once written as UTF-8;
    /// so its folding is undone (CRLF + one space, RFC 5545 §3.1) and done again on code point boundaries.
    /// </summary>
    internal static string Refold(string text)
    {
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
        var result = new StringBuilder(text.Length + 64);
        foreach (var line in unfolded.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var octets = 0;
            foreach (var rune in line.EnumerateRunes())
            {
                if (octets + rune.Utf8SequenceLength > MaxLineOctets)
                {
                    result.Append("\r\n ");
                    octets = 1;
                }

                result.Append(rune.ToString());
                octets += rune.Utf8SequenceLength;
            }

            result.Append("\r\n");
        }

        return result.ToString();
    }

    /// <summary>User text with its line breaks as LF (a form posts CRLF), trimmed.</summary>
    private static string Lines(string text) =>
        text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
