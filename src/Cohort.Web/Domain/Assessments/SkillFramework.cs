using Cohort.Web.Domain.Templates;

namespace Cohort.Web.Domain.Assessments;

/// <summary>
/// A self-assessment framework as read from <c>templates/assessments/&lt;key&gt;/framework.yaml</c>: skill areas,
/// each a few statements rated on the framework's 1–5 scale, and a free-text question about goals.
/// </summary>
public sealed record SkillFramework(
    string Key,
    LocalizedText Title,
    LocalizedText Description,
    IReadOnlyList<LocalizedText> Scale,
    IReadOnlyList<SkillArea> Areas,
    LocalizedText GoalsQuestion)
{
    public const int MinRating = 1;
    public const int MaxRating = 5;

    public IEnumerable<SkillItem> Items => Areas.SelectMany(a => a.Items);
}

/// <summary>One skill (e.g. data use); a learner's score for it is the mean of their ratings of its items.</summary>
public sealed record SkillArea(string Key, LocalizedText Name, IReadOnlyList<SkillItem> Items);

/// <summary>A statement the learner rates from 1 (not at all like me) to 5 (very much like me).</summary>
public sealed record SkillItem(string Key, LocalizedText Statement);

public sealed record SkillFrameworkSummary(string Key, LocalizedText Title, LocalizedText Description, int AreaCount, int ItemCount);
