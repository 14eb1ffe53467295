using Cohort.Web.Domain;
using Cohort.Web.Features.Cases;

namespace Cohort.Web.Pages.Cases;

/// <summary>The case form as the browser posts it; writing and editing a case share it.</summary>
public sealed class CaseForm : ICaseFields
{
    public string Title { get; set; } = "";

    public string? Department { get; set; }

    public string DepartmentArea { get; set; } = "";

    public string ProblemType { get; set; } = "";

    public string? Tool { get; set; }

    public string AsIs { get; set; } = "";

    public string ToBe { get; set; } = "";

    public string? PrototypeWhat { get; set; }

    public string? Effects { get; set; }

    public string Lessons { get; set; } = "";

    public string? NextSteps { get; set; }

    public CaseOutcome Outcome { get; set; }

    public List<Guid> AttachmentFileIds { get; set; } = [];

    public Guid? Version { get; set; }
}

/// <summary>A page that shows the case form.</summary>
public interface ICaseFormPage
{
    CaseForm Input { get; }

    IReadOnlyList<CaseDraft.FileChoice> Files { get; }
}
