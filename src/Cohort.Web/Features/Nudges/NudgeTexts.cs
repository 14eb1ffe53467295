using Cohort.Web.Domain;

namespace Cohort.Web.Features.Nudges;

/// <summary>The English wording (the translation key) of each nudge kind: {0} is the thing, {1} its date.</summary>
public static class NudgeTexts
{
    public static string Message(NudgeKind kind) => kind switch
    {
        NudgeKind.CheckInDue => "Check-in with {0} is due ({1})",
        NudgeKind.CheckInOverdue => "Check-in with {0} is overdue (due {1})",
        NudgeKind.ActionItemDue => "Action item \"{0}\" is due soon ({1})",
        NudgeKind.ActionItemOverdue => "Action item \"{0}\" is overdue (due {1})",
        NudgeKind.MilestoneDueSoon => "\"{0}\" is due soon ({1})",
        NudgeKind.Escalation => "No check-in with {0} for a whole cycle since {1}",
        NudgeKind.ReviewWaiting => "\"{0}\" is waiting for your review (submitted {1})",
        NudgeKind.MilestoneOverdue => "\"{0}\" has not been handed in (due {1})",
        NudgeKind.StageOpened => "{0} is now open for your team ({1})",
        NudgeKind.ShowcaseInOneWeek => "Showcase \"{0}\" is coming up on {1}",
        NudgeKind.ShowcaseTomorrow => "Showcase \"{0}\" takes place on {1}",
        NudgeKind.ShowcaseSoon => "Showcase \"{0}\" starts in an hour ({1})",
        NudgeKind.PresentationUpload => "{0}: upload your presentation for the showcase on {1}",
        NudgeKind.AudienceFeedbackAfterSlot => "Give feedback on the presentations at \"{0}\" ({1})",
        NudgeKind.AssessmentOpen => "\"{0}\" is open: rate your skills (due {1})",
        NudgeKind.AssessmentDueSoon => "\"{0}\": please answer your self-assessment by {1}",
        NudgeKind.CaseFollowUp => "What became of \"{0}\"? Record it for the case library ({1})",
        NudgeKind.CasePublicationRequested => "The case \"{0}\" waits for your approval to be shared more widely (asked {1})",
        _ => "{0} ({1})",
    };

    /// <summary>How the kind is named in a programme's settings.</summary>
    public static string KindLabel(NudgeKind kind) => kind switch
    {
        NudgeKind.CheckInDue => "Check-in due (to mentors)",
        NudgeKind.CheckInOverdue => "Check-in overdue (to mentors)",
        NudgeKind.ActionItemDue => "Action item due soon (to its owner)",
        NudgeKind.ActionItemOverdue => "Action item overdue (to its owner)",
        NudgeKind.MilestoneDueSoon => "Deliverable due soon (to team members)",
        NudgeKind.Escalation => "Escalation to organisers (a whole cadence without a check-in)",
        NudgeKind.ReviewWaiting => "Review waiting (to mentors)",
        NudgeKind.MilestoneOverdue => "Deliverable overdue (to team members)",
        NudgeKind.StageOpened => "Stage opened (to team members)",
        NudgeKind.ShowcaseInOneWeek => "Showcase a week ahead (to invitees with an account)",
        NudgeKind.ShowcaseTomorrow => "Showcase the working day before (to invitees with an account)",
        NudgeKind.ShowcaseSoon => "Showcase starts in an hour (to invitees with an account)",
        NudgeKind.PresentationUpload => "Presentation not uploaded 3 working days before a showcase (to team members)",
        NudgeKind.AudienceFeedbackAfterSlot => "Feedback on the presentations after a showcase (to invitees with an account)",
        NudgeKind.AssessmentOpen => "Self-assessment open (to participants who have not answered)",
        NudgeKind.AssessmentDueSoon => "Self-assessment due soon (to participants who have not answered)",
        NudgeKind.CaseFollowUp => "Follow-up after the showcase: what became of the prototype (to team members)",
        NudgeKind.CasePublicationRequested => "A case waits for publication approval (to organisers)",
        _ => kind.ToString(),
    };

    /// <summary>How the kind is named where a person chooses what to mute.</summary>
    public static string MuteLabel(NudgeKind kind) => kind switch
    {
        NudgeKind.CheckInDue => "Check-in due reminders (for mentors)",
        NudgeKind.ActionItemDue => "Reminders before an action item is due",
        NudgeKind.MilestoneDueSoon => "Reminders before a deliverable is due",
        NudgeKind.ReviewWaiting => "Reviews waiting (for mentors)",
        NudgeKind.StageOpened => "A new stage is open",
        NudgeKind.ShowcaseInOneWeek => "A showcase a week ahead",
        NudgeKind.ShowcaseTomorrow => "A showcase the working day before",
        NudgeKind.ShowcaseSoon => "A showcase starting in an hour",
        NudgeKind.PresentationUpload => "Uploading my team's presentation for a showcase",
        NudgeKind.AudienceFeedbackAfterSlot => "Feedback on the presentations after a showcase",
        NudgeKind.AssessmentOpen => "A self-assessment opens",
        NudgeKind.AssessmentDueSoon => "Reminders before my self-assessment is due",
        NudgeKind.CaseFollowUp => "Follow-ups on my team's prototype after the showcase",
        NudgeKind.CasePublicationRequested => "Cases waiting for my approval",
        _ => kind.ToString(),
    };
}
