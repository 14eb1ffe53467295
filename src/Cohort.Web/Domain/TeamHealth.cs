using Cohort.Web.Domain.Calendar;

namespace Cohort.Web.Domain;

/// <summary>One reason behind a team's health signal, as an English text key with its values.</summary>
public sealed record HealthReason(string Text, params object[] Values);

/// <summary>The derived signal (never typed twice): the worst of what the facts say, with every reason listed.</summary>
public sealed record TeamHealthSignal(HealthStatus Status, IReadOnlyList<HealthReason> Reasons, DateOnly NextCheckInDue, bool CheckInOverdue);

/// <summary>What team health reads from the latest check-in.</summary>
public sealed record LastCheckIn(DateOnly HeldOn, HealthStatus Health, string? HealthReason)
{
    public static LastCheckIn? Of(CheckIn? checkIn) => checkIn is null ? null : new(checkIn.HeldOn, checkIn.Health, checkIn.HealthReason);
}

/// <summary>
/// Combines the latest check-in's status, overdue and repeatedly carried-over action items and the check-in
/// cadence into one signal. Overdue milestones join once submissions can show that a deliverable came in.
/// </summary>
public static class TeamHealth
{
    public const int OverdueItemsForHelp = 3;

    public static TeamHealthSignal Evaluate(
        DateOnly today,
        WorkingDayCalendar calendar,
        int cadenceWorkingDays,
        DateOnly programStart,
        CheckIn? latest,
        IReadOnlyCollection<ActionItem> openItems) =>
        Evaluate(today, calendar, cadenceWorkingDays, programStart, LastCheckIn.Of(latest),
            openItems.Count(i => i.IsOverdue(today)), openItems.Count(i => i.CarryOverCount >= ActionItem.CarryOverFlag));

    /// <summary>The same rule from counts, for lists that count their open items in the database.</summary>
    public static TeamHealthSignal Evaluate(
        DateOnly today,
        WorkingDayCalendar calendar,
        int cadenceWorkingDays,
        DateOnly programStart,
        LastCheckIn? latest,
        int overdueItems,
        int carriedOverItems)
    {
        var reasons = new List<HealthReason>();
        var status = HealthStatus.OnTrack;

        void Raise(HealthStatus level, HealthReason reason)
        {
            reasons.Add(reason);
            if (level > status)
            {
                status = level;
            }
        }

        if (latest is not null && latest.Health != HealthStatus.OnTrack)
        {
            Raise(latest.Health, new HealthReason("The mentor rated the team {0} at the last check-in: {1}", latest.Health, latest.HealthReason ?? ""));
        }

        if (overdueItems >= OverdueItemsForHelp)
        {
            Raise(HealthStatus.NeedsHelp, new HealthReason("{0} action items are overdue", overdueItems));
        }
        else if (overdueItems > 0)
        {
            Raise(HealthStatus.AtRisk, new HealthReason("{0} action items are overdue", overdueItems));
        }

        if (carriedOverItems > 0)
        {
            Raise(HealthStatus.AtRisk, new HealthReason("{0} action items were carried over twice or more", carriedOverItems));
        }

        var last = latest?.HeldOn ?? programStart;
        var nextDue = calendar.AddWorkingDays(last, cadenceWorkingDays);
        var late = today > nextDue;
        if (late)
        {
            var missedDays = calendar.WorkingDaysBetween(nextDue, today);
            // A whole missed cycle means nobody has looked at the team for twice the cadence.
            Raise(missedDays >= cadenceWorkingDays ? HealthStatus.NeedsHelp : HealthStatus.AtRisk,
                new HealthReason("The check-in was due on {0} ({1} working days ago)", nextDue, missedDays));
        }

        return new TeamHealthSignal(status, reasons, nextDue, late);
    }

    /// <summary>Today in the programme's time zone.</summary>
    public static DateOnly Today(TimeProvider clock, string timeZone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById(timeZone)));
}
