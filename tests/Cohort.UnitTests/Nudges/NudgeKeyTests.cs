using Cohort.Web.Domain;

namespace Cohort.UnitTests.Nudges;

public sealed class NudgeKeyTests
{
    private static readonly Guid Subject = Guid.Parse("11111111-2222-3333-4444-555555555555");
    private static readonly Guid Recipient = Guid.Parse("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");

    [Fact]
    public void Keys_without_a_time_keep_the_format_existing_rows_were_stored_with()
    {
        Assert.Equal("CheckInDue:11111111222233334444555555555555:aaaaaaaabbbbccccddddeeeeeeeeeeee:20261201",
            Nudge.KeyFor(NudgeKind.CheckInDue, Subject, Recipient, new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void A_time_of_day_makes_a_different_key_for_each_time_on_the_same_date()
    {
        var day = new DateOnly(2027, 6, 10);
        var two = Nudge.KeyFor(NudgeKind.ShowcaseSoon, Subject, Recipient, day, new TimeOnly(14, 0));
        var three = Nudge.KeyFor(NudgeKind.ShowcaseSoon, Subject, Recipient, day, new TimeOnly(15, 0));

        Assert.Equal("ShowcaseSoon:11111111222233334444555555555555:aaaaaaaabbbbccccddddeeeeeeeeeeee:20270610T1400", two);
        Assert.NotEqual(two, three);
        Assert.NotEqual(two, Nudge.KeyFor(NudgeKind.ShowcaseSoon, Subject, Recipient, day));
    }

    [Fact]
    public void Showcase_reminders_can_be_muted_and_only_event_timed_kinds_skip_working_hours()
    {
        NudgeKind[] showcase = [NudgeKind.ShowcaseInOneWeek, NudgeKind.ShowcaseTomorrow, NudgeKind.ShowcaseSoon, NudgeKind.PresentationUpload, NudgeKind.AudienceFeedbackAfterSlot];

        Assert.All(showcase, k => Assert.False(Nudge.IsEssential(k)));
        Assert.Equal([NudgeKind.ShowcaseSoon, NudgeKind.AudienceFeedbackAfterSlot], Enum.GetValues<NudgeKind>().Where(Nudge.KeepsExactTime));
    }
}
