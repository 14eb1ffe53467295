using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;

namespace Cohort.UnitTests.Templates;

public sealed class NudgeDefaultsTests
{
    [Fact]
    public void Without_a_nudges_section_the_standard_defaults_apply()
    {
        var template = TemplateYaml.Parse(TemplateYaml.OneStage);

        Assert.Equal(NudgeDefaults.Standard, template.Nudges);
    }

    [Fact]
    public void A_nudges_section_sets_timing_hours_and_kinds_switched_off()
    {
        var yaml = TemplateYaml.OneStage.With("stages:", "nudges:\n  milestoneReminderWorkingDays: 5\n  workdayStartHour: 8\n  workdayEndHour: 17\n  disabled: [Escalation, StageOpened]\nstages:");

        var nudges = TemplateYaml.Parse(yaml).Nudges;

        Assert.Equal((5, 1, 8, 17), (nudges.MilestoneReminderWorkingDays, nudges.ActionItemReminderWorkingDays, nudges.WorkdayStartHour, nudges.WorkdayEndHour));
        Assert.Equal([NudgeKind.Escalation, NudgeKind.StageOpened], nudges.Disabled);
    }

    [Fact]
    public void Unknown_kinds_keys_and_inverted_hours_are_reported_with_their_position()
    {
        var yaml = TemplateYaml.OneStage.With("stages:", "nudges:\n  workdayStartHour: 18\n  workdayEndHour: 9\n  reminderDays: 2\n  disabled: [Typo]\nstages:");

        var error = Assert.Throws<TemplateLoadException>(() => TemplateYaml.Parse(yaml));

        Assert.Contains(error.Errors, e => e.Message.Contains("workdayEndHour must be after", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.Contains("reminderDays", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Message.Contains("Typo", StringComparison.Ordinal) && e.Line > 0);
    }
}
