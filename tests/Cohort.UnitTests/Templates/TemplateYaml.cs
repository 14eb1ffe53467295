using Cohort.Web.Domain.Templates;

namespace Cohort.UnitTests.Templates;

/// <summary>Small valid templates whose line numbers the tests rely on; edit with care.</summary>
internal static class TemplateYaml
{
    public const string File = "program.yaml";

    // Line numbers:  1 title, 7 checkInCadenceWorkingDays, 9 stage, 18 milestone, 25 offsetWorkingDays, 28 criterion.
    public const string OneStage = """
        title:
          ja: 研修
          en: Training
        description:
          ja: 説明
          en: Description
        checkInCadenceWorkingDays: 10
        stages:
          - key: stage-1
            name:
              ja: ステージ1
              en: Stage 1
            description:
              ja: 説明
              en: Description
            durationWorkingDays: 30
            milestones:
              - key: plan
                name:
                  ja: 計画
                  en: Plan
                description:
                  ja: 説明
                  en: Description
                offsetWorkingDays: 10
                deliverable: document
            rubric:
              - key: clarity
                name:
                  ja: 明確さ
                  en: Clarity
                description:
                  ja: 説明
                  en: Description
                maxScore: 5
                weight: 100
        """;

    // Flow style keeps it short. Line numbers: 11 second stage, 14 its durationWorkingDays, 16 its milestone, 19 offset.
    public const string TwoStages = """
        title: { ja: 研修, en: Training }
        description: { ja: 説明, en: Description }
        checkInCadenceWorkingDays: 10
        stages:
          - key: first
            name: { ja: 第1, en: First }
            description: { ja: 説明, en: Description }
            durationWorkingDays: 20
            milestones:
              - { key: draft, name: { ja: 草案, en: Draft }, description: { ja: 説明, en: Description }, offsetWorkingDays: 19 }
          - key: second
            name: { ja: 第2, en: Second }
            description: { ja: 説明, en: Description }
            durationWorkingDays: 30
            milestones:
              - key: demo
                name: { ja: デモ, en: Demo }
                description: { ja: 説明, en: Description }
                offsetWorkingDays: 29
                deliverable: presentation
        """;

    public static ProgramTemplate Parse(string yaml, string key = "sample") =>
        new ProgramTemplateLoader().Parse(yaml, File, key);

    public static IReadOnlyList<TemplateError> Errors(string yaml, string key = "sample") =>
        Assert.Throws<TemplateLoadException>(() => Parse(yaml, key)).Errors;

    /// <summary>Replaces exactly one occurrence, so a test cannot silently edit nothing.</summary>
    public static string With(this string yaml, string oldText, string newText)
    {
        var first = yaml.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{oldText}' is not in the sample");
        Assert.True(yaml.IndexOf(oldText, first + 1, StringComparison.Ordinal) < 0, $"'{oldText}' occurs more than once");
        return string.Concat(yaml.AsSpan(0, first), newText, yaml.AsSpan(first + oldText.Length));
    }
}
