namespace Cohort.Web.Domain;

public enum StageStatus
{
    NotStarted = 0,
    Open = 1,
    Completed = 2,
}

/// <summary>A stage of a programme (ステージ), e.g. Stage 1 課題整理・解決策立案.</summary>
public sealed class Stage : Entity
{
    public Guid ProgramId { get; set; }

    public TrainingProgram? Program { get; set; }

    public required string Key { get; set; }

    public int Order { get; set; }

    public required string Name { get; set; }

    public string? NameEn { get; set; }

    public string? Description { get; set; }

    public DateOnly StartDate { get; set; }

    public DateOnly EndDate { get; set; }

    public List<Milestone> Milestones { get; } = [];

    public List<RubricCriterion> Rubric { get; } = [];

    /// <summary>Extends the stage so that every milestone falls inside it.</summary>
    public void CoverMilestones()
    {
        if (Milestones.Count == 0)
        {
            return;
        }

        var first = Milestones.Min(m => m.DueDate);
        var last = Milestones.Max(m => m.DueDate);
        if (first < StartDate)
        {
            StartDate = first;
        }

        if (last > EndDate)
        {
            EndDate = last;
        }
    }
}
