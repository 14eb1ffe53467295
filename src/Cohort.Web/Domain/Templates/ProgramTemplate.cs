using System.Globalization;

namespace Cohort.Web.Domain.Templates;

/// <summary>A text in both of the app's languages; Japanese first.</summary>
public sealed record LocalizedText(string Ja, string En)
{
    public string For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "ja" ? Ja : En;
    }
}

public enum DeliverableType
{
    None,
    Document,
    Prototype,
    Presentation,
    Assessment,
}

/// <summary>
/// A programme as read from <c>templates/programs/&lt;key&gt;/program.yaml</c>. Stages run one after another:
/// a stage starts on the working day after the previous one ends.
/// </summary>
public sealed record ProgramTemplate(
    string Key,
    LocalizedText Title,
    LocalizedText Description,
    int CheckInCadenceWorkingDays,
    string TimeZone,
    IReadOnlyList<StageTemplate> Stages)
{
    public const string DefaultTimeZone = "Asia/Tokyo";

    /// <summary>Reminder defaults for programmes made from this template (organisers change them per programme).</summary>
    public NudgeDefaults Nudges { get; init; } = NudgeDefaults.Standard;

    public int TotalWorkingDays => Stages.Sum(s => s.DurationWorkingDays);

    /// <summary>Working days from the programme's first day to the first day of the stage at <paramref name="stageIndex"/>.</summary>
    public int StageStartOffsetWorkingDays(int stageIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stageIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(stageIndex, Stages.Count);
        return Stages.Take(stageIndex).Sum(s => s.DurationWorkingDays);
    }
}

public sealed record StageTemplate(
    string Key,
    LocalizedText Name,
    LocalizedText Description,
    int DurationWorkingDays,
    IReadOnlyList<MilestoneTemplate> Milestones,
    IReadOnlyList<RubricCriterionTemplate> Rubric);

/// <summary>A due date inside a stage; <see cref="OffsetWorkingDays"/> 0 is the stage's first working day.</summary>
public sealed record MilestoneTemplate(
    string Key,
    LocalizedText Name,
    LocalizedText Description,
    int OffsetWorkingDays,
    DeliverableType Deliverable);

/// <summary>One rubric line: scored 0..<see cref="MaxScore"/>, weighted relative to the stage's other criteria.</summary>
public sealed record RubricCriterionTemplate(
    string Key,
    LocalizedText Name,
    LocalizedText Description,
    int MaxScore,
    int Weight);

/// <summary>A problem in a template file; line and column are 1-based.</summary>
public sealed record TemplateError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Thrown instead of returning a template that has any error; carries all of them.</summary>
public sealed class TemplateLoadException : Exception
{
    public TemplateLoadException(IReadOnlyList<TemplateError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<TemplateError> Errors { get; }

    private static string Describe(IReadOnlyList<TemplateError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var heading = errors.Count == 1 ? "The template has 1 error:" : $"The template has {errors.Count} errors:";
        return string.Join(Environment.NewLine, errors.Select(e => e.ToString()).Prepend(heading));
    }
}

public sealed record TemplateSummary(string Key, LocalizedText Title, LocalizedText Description, int StageCount);

/// <summary>A template's reminder timing, working hours and the kinds it does not send.</summary>
public sealed record NudgeDefaults(
    int MilestoneReminderWorkingDays,
    int ActionItemReminderWorkingDays,
    int CheckInGraceWorkingDays,
    int ReviewWaitingWorkingDays,
    int WorkdayStartHour,
    int WorkdayEndHour,
    IReadOnlyList<Cohort.Web.Domain.NudgeKind> Disabled)
{
    public static NudgeDefaults Standard { get; } = new(3, 1, 2, 3, 9, 18, []);
}
