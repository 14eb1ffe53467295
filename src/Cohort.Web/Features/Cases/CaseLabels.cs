using Cohort.Web.Domain;

namespace Cohort.Web.Features.Cases;

/// <summary>The English wording (the translation key) of the library's fixed lists and states.</summary>
public static class CaseLabels
{
    private static readonly Dictionary<string, string> Areas = new()
    {
        ["general-affairs"] = "General affairs", ["resident-services"] = "Resident services", ["tax"] = "Tax", ["welfare"] = "Welfare", ["childcare"] = "Childcare",
        ["health"] = "Health and medical care", ["education"] = "Education", ["industry"] = "Industry and tourism", ["infrastructure"] = "Roads and infrastructure",
        ["disaster"] = "Disaster prevention", ["environment"] = "Environment", ["other"] = "Other",
    };

    private static readonly Dictionary<string, string> Problems = new()
    {
        ["paper-forms"] = "Paper forms", ["inquiries"] = "Inquiries", ["data-entry"] = "Data entry", ["scheduling"] = "Scheduling and booking",
        ["information-sharing"] = "Sharing information", ["data-analysis"] = "Data analysis", ["field-work"] = "Field work", ["other"] = "Other",
    };

    public static string Area(string key) => Areas.GetValueOrDefault(key, key);

    public static string Problem(string key) => Problems.GetValueOrDefault(key, key);

    public static string Level(CaseLevel level) => level switch
    {
        CaseLevel.Private => "Private to the organisation",
        CaseLevel.Shared => "Shared with all organisations",
        _ => "Public",
    };

    public static string Outcome(CaseOutcome outcome) => outcome switch
    {
        CaseOutcome.Prototype => "Prototype shown",
        CaseOutcome.Adopted => "Adopted into daily work",
        CaseOutcome.Piloting => "Piloting",
        CaseOutcome.Stopped => "Stopped",
        _ => "Abandoned",
    };

    public static string Action(CasePublicationAction action) => action switch
    {
        CasePublicationAction.Requested => "Requested",
        CasePublicationAction.Approved => "Approved",
        CasePublicationAction.Rejected => "Rejected",
        _ => "Withdrawn",
    };

    public static string Role(string role) => role == "mentor" ? "Mentor" : "Team member";

    /// <summary>Every key above, for the translation check.</summary>
    public static IEnumerable<string> All() =>
        Areas.Values.Concat(Problems.Values).Concat(Enum.GetValues<CaseLevel>().Select(Level)).Concat(Enum.GetValues<CaseOutcome>().Select(Outcome))
            .Concat(Enum.GetValues<CasePublicationAction>().Select(Action)).Append(Role("mentor")).Append(Role("member")).Distinct();
}
