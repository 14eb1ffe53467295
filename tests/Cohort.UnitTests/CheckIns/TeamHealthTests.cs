using Cohort.Web.Domain;
using Cohort.Web.Domain.Calendar;

namespace Cohort.UnitTests.CheckIns;

public sealed class TeamHealthTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.JapanWithYearEndClosure;
    private static readonly DateOnly Start = new(2026, 10, 1);

    private static CheckIn Met(DateOnly on, HealthStatus health = HealthStatus.OnTrack, string? reason = null) =>
        new() { HeldOn = on, Health = health, HealthReason = reason };

    private static ActionItem Item(DateOnly due, int carried = 0) => new() { Title = "x", DueDate = due, CarryOverCount = carried };

    [Fact]
    public void A_team_met_on_time_with_nothing_overdue_is_on_track()
    {
        var today = new DateOnly(2026, 11, 24);

        var signal = TeamHealth.Evaluate(today, Calendar, 10, Start, Met(new DateOnly(2026, 11, 20)), [Item(today.AddDays(3))]);

        Assert.Equal(HealthStatus.OnTrack, signal.Status);
        Assert.Empty(signal.Reasons);
        // 10 working days after Fri 20 Nov 2026, skipping Mon 23 Nov (Labour Thanksgiving Day): Mon 7 Dec.
        Assert.Equal(new DateOnly(2026, 12, 7), signal.NextCheckInDue);
        Assert.False(signal.CheckInOverdue);
    }

    [Fact]
    public void The_mentors_rating_counts_with_its_reason()
    {
        var today = new DateOnly(2026, 11, 24);

        var signal = TeamHealth.Evaluate(today, Calendar, 10, Start, Met(today, HealthStatus.NeedsHelp, "担当者が異動"), []);

        Assert.Equal(HealthStatus.NeedsHelp, signal.Status);
        Assert.Contains("担当者が異動", Assert.Single(signal.Reasons).Values);
    }

    [Fact]
    public void One_overdue_item_is_a_risk_and_three_need_help()
    {
        var today = new DateOnly(2026, 11, 24);
        var met = Met(today);

        Assert.Equal(HealthStatus.AtRisk, TeamHealth.Evaluate(today, Calendar, 10, Start, met, [Item(today.AddDays(-1)), Item(today)]).Status);
        Assert.Equal(HealthStatus.NeedsHelp, TeamHealth.Evaluate(today, Calendar, 10, Start, met, [Item(today.AddDays(-1)), Item(today.AddDays(-2)), Item(today.AddDays(-9))]).Status);
    }

    [Fact]
    public void An_item_carried_over_twice_is_a_risk_even_when_not_overdue()
    {
        var today = new DateOnly(2026, 11, 24);

        var once = TeamHealth.Evaluate(today, Calendar, 10, Start, Met(today), [Item(today.AddDays(5), carried: 1)]);
        var twice = TeamHealth.Evaluate(today, Calendar, 10, Start, Met(today), [Item(today.AddDays(5), carried: 2)]);

        Assert.Equal(HealthStatus.OnTrack, once.Status);
        Assert.Equal(HealthStatus.AtRisk, twice.Status);
    }

    [Fact]
    public void A_late_check_in_is_a_risk_and_a_whole_missed_cycle_needs_help()
    {
        var last = new DateOnly(2026, 11, 2);
        var due = Calendar.AddWorkingDays(last, 10);

        var late = TeamHealth.Evaluate(Calendar.AddWorkingDays(due, 2), Calendar, 10, Start, Met(last), []);
        var missed = TeamHealth.Evaluate(Calendar.AddWorkingDays(due, 10), Calendar, 10, Start, Met(last), []);

        Assert.True(late.CheckInOverdue);
        Assert.Equal(HealthStatus.AtRisk, late.Status);
        Assert.Equal(HealthStatus.NeedsHelp, missed.Status);
    }

    [Fact]
    public void Without_any_check_in_the_cadence_counts_from_the_programme_start()
    {
        var signal = TeamHealth.Evaluate(new DateOnly(2026, 10, 9), Calendar, 10, Start, null, []);

        Assert.Equal(Calendar.AddWorkingDays(Start, 10), signal.NextCheckInDue);
        Assert.Equal(HealthStatus.OnTrack, signal.Status);
    }
}
