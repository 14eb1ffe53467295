using Cohort.Web.Domain.Templates;

namespace Cohort.Web.Domain;

/// <summary>A due date inside a stage (マイルストーン・提出期限), usually with a deliverable.</summary>
public sealed class Milestone : Entity
{
    public Guid StageId { get; set; }

    public Stage? Stage { get; set; }

    public required string Name { get; set; }

    public string? NameEn { get; set; }

    public string? Description { get; set; }

    public DateOnly DueDate { get; set; }

    public DeliverableType Deliverable { get; set; }
}

/// <summary>One criterion of a stage's rubric (評価基準).</summary>
public sealed class RubricCriterion : Entity
{
    public Guid StageId { get; set; }

    public required string Key { get; set; }

    public int Order { get; set; }

    public required string Name { get; set; }

    public string? NameEn { get; set; }

    public string? Description { get; set; }

    public int MaxScore { get; set; }

    public int Weight { get; set; }
}
