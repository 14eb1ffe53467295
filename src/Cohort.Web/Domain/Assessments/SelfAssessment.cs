namespace Cohort.Web.Domain.Assessments;

public enum AssessmentPhase
{
    /// <summary>At the start (事前): the baseline.</summary>
    Pre = 0,

    /// <summary>At the end (事後): compared with the baseline.</summary>
    Post = 1,
}

/// <summary>
/// One participant's answers to the programme's skill framework at one phase (事前・事後自己評価). One per person and
/// phase; the person may change it while the phase is open. Visible to the person and the organisers only; everyone
/// else sees aggregates of at least <c>SmallGroups.MinimumSize</c> people.
/// </summary>
public sealed class SelfAssessment : Entity
{
    public Guid ProgramId { get; set; }

    public Guid ParticipantId { get; set; }

    public Participant? Participant { get; set; }

    public AssessmentPhase Phase { get; set; }

    /// <summary>The framework answered; the programme cannot switch frameworks once anyone has answered.</summary>
    public required string FrameworkKey { get; set; }

    /// <summary>What the person wants to learn or change at work (free text).</summary>
    public string? Goals { get; set; }

    public DateTime SubmittedAt { get; set; }

    /// <summary>Answered after the phase's milestone was due.</summary>
    public bool Late { get; set; }

    public List<SelfAssessmentAnswer> Answers { get; } = [];
}

public sealed class SelfAssessmentAnswer
{
    public long Id { get; set; }

    public Guid AssessmentId { get; set; }

    public required string AreaKey { get; set; }

    public required string ItemKey { get; set; }

    /// <summary>1 to 5 on the framework's scale.</summary>
    public int Rating { get; set; }
}

/// <summary>
/// When each phase can be answered, from the programme's self-assessment milestones: the first is the pre-assessment,
/// the last (when there are two or more) the post-assessment.
/// </summary>
public sealed record AssessmentWindow(AssessmentPhase Phase, Guid MilestoneId, DateOnly Opens, DateOnly Due, DateOnly Closes)
{
    /// <summary>The post-assessment opens this many working days before it is due.</summary>
    public const int PostOpensWorkingDaysBefore = 5;

    /// <summary>Late answers are still taken for this many working days after the due date.</summary>
    public const int LateWorkingDays = 10;

    public bool IsOpen(DateOnly today) => today >= Opens && today <= Closes;

    public bool IsLate(DateOnly today) => today > Due;

    public static IReadOnlyList<AssessmentWindow> For(TrainingProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var milestones = program.AllMilestones()
            .Where(m => m.Deliverable == Templates.DeliverableType.Assessment)
            .OrderBy(m => m.DueDate).ThenBy(m => m.Id)
            .ToList();
        if (milestones.Count == 0)
        {
            return [];
        }

        var calendar = program.Calendar();
        var first = milestones[0];
        var pre = new AssessmentWindow(AssessmentPhase.Pre, first.Id, program.StartDate, first.DueDate, calendar.AddWorkingDays(first.DueDate, LateWorkingDays));
        if (milestones.Count == 1)
        {
            return [pre];
        }

        var last = milestones[^1];
        var postOpens = calendar.AddWorkingDays(last.DueDate, -PostOpensWorkingDaysBefore);
        // The baseline closes when the post-assessment opens at the latest: an answer given then is not a "before".
        var preCloses = pre.Closes < postOpens ? pre.Closes : calendar.AddWorkingDays(postOpens, -1);
        return
        [
            pre with { Closes = preCloses < pre.Due ? pre.Due : preCloses },
            new AssessmentWindow(AssessmentPhase.Post, last.Id, postOpens > pre.Due ? postOpens : calendar.AddWorkingDays(pre.Due, 1), last.DueDate, calendar.AddWorkingDays(last.DueDate, LateWorkingDays)),
        ];
    }
}
