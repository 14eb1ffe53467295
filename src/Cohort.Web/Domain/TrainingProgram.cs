using Cohort.Web.Domain.Calendar;

namespace Cohort.Web.Domain;

/// <summary>A cohort programme (研修プログラム) created from a template.</summary>
public sealed class TrainingProgram : Entity
{
    public Guid OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public required string TemplateKey { get; set; }

    public DateOnly StartDate { get; set; }

    public string TimeZone { get; set; } = "Asia/Tokyo";

    public int CheckInCadenceWorkingDays { get; set; } = 10;

    /// <summary>Municipal offices close from 29 December to 3 January; on by default.</summary>
    public bool YearEndClosure { get; set; } = true;

    /// <summary>Nudges go out only between these local hours on working days.</summary>
    public int WorkdayStartHour { get; set; } = 9;

    public int WorkdayEndHour { get; set; } = 18;

    /// <summary>A milestone reminder goes out this many working days before it is due.</summary>
    public int MilestoneReminderWorkingDays { get; set; } = 3;

    /// <summary>An action item reminder goes out this many working days before it is due.</summary>
    public int ActionItemReminderWorkingDays { get; set; } = 1;

    /// <summary>A check-in is reported overdue to its mentors this many working days after it was due.</summary>
    public int CheckInGraceWorkingDays { get; set; } = 2;

    /// <summary>A submission waiting this many working days for its review reminds the team's mentors.</summary>
    public int ReviewWaitingWorkingDays { get; set; } = 3;

    /// <summary>Days after the showcase at which teams are asked what became of their prototype, comma-separated ("30,90").</summary>
    public string CaseFollowUpDays { get; set; } = CaseFacets.DefaultFollowUpDays;

    /// <summary>The follow-up checkpoints as numbers, smallest first.</summary>
    public IReadOnlyList<int> FollowUpCheckpoints() => ParseFollowUpDays(CaseFollowUpDays);

    /// <summary>"30,90" as 30 and 90: positive whole days, each once, smallest first.</summary>
    public static IReadOnlyList<int> ParseFollowUpDays(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => int.TryParse(x, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : 0).Where(d => d > 0).Distinct().Order().ToList();

    /// <summary>Nudge kinds switched off for this programme, comma-separated.</summary>
    public string? DisabledNudgeKinds { get; set; }

    public bool Sends(NudgeKind kind) =>
        !(DisabledNudgeKinds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(kind.ToString());

    /// <summary>The first moment at or after <paramref name="utc"/> inside working hours on a working day, in UTC.</summary>
    public DateTime NextSendableUtc(DateTime utc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var calendar = Calendar();
        var day = DateOnly.FromDateTime(local);
        if (calendar.IsWorkingDay(day) && local.Hour >= WorkdayStartHour && local.Hour < WorkdayEndHour)
        {
            return utc;
        }

        var next = calendar.IsWorkingDay(day) && local.Hour < WorkdayStartHour ? day : calendar.AddWorkingDays(day, 1);
        var morning = next.ToDateTime(new TimeOnly(WorkdayStartHour, 0));
        return TimeZoneInfo.ConvertTimeToUtc(morning, zone);
    }

    /// <summary>The working morning of a date, in UTC (when a nudge about that date goes out).</summary>
    public DateTime MorningOfUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(Calendar().NextWorkingDayOnOrAfter(day).ToDateTime(new TimeOnly(WorkdayStartHour, 0)), TimeZoneInfo.FindSystemTimeZoneById(TimeZone));

    /// <summary>The self-assessment framework (templates/assessments/&lt;key&gt;) its participants answer; none when null.</summary>
    public string? AssessmentFrameworkKey { get; set; }

    public List<Stage> Stages { get; } = [];

    public List<Team> Teams { get; } = [];

    public List<Participant> Participants { get; } = [];

    public WorkingDayCalendar Calendar() =>
        YearEndClosure ? WorkingDayCalendar.JapanWithYearEndClosure : WorkingDayCalendar.Japan;

    public IEnumerable<Milestone> AllMilestones() => Stages.SelectMany(s => s.Milestones);

    /// <summary>
    /// Moves the given milestone and every milestone due on or after it by <paramref name="workingDays"/>
    /// working days; stages that start or end from that date on move with them and grow to cover their milestones.
    /// </summary>
    public void ShiftFrom(Milestone from, int workingDays)
    {
        var calendar = Calendar();
        var pivot = from.DueDate;
        foreach (var milestone in AllMilestones().Where(m => m.DueDate >= pivot))
        {
            milestone.DueDate = calendar.AddWorkingDays(milestone.DueDate, workingDays);
        }

        foreach (var stage in Stages)
        {
            if (stage.StartDate >= pivot)
            {
                stage.StartDate = calendar.AddWorkingDays(stage.StartDate, workingDays);
            }

            if (stage.EndDate >= pivot)
            {
                stage.EndDate = calendar.AddWorkingDays(stage.EndDate, workingDays);
            }

            stage.CoverMilestones();
        }
    }

    /// <summary>Renumbers stages 1..n in their current order.</summary>
    public void RenumberStages()
    {
        var order = 1;
        foreach (var stage in Stages.OrderBy(s => s.Order).ThenBy(s => s.StartDate))
        {
            stage.Order = order++;
        }
    }
}
