using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Programs;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.Read)]
public sealed class DetailsModel(IMediator mediator, AccessService access, TimeProvider clock) : PageModel
{
    public ProgramOverview.Result Program { get; private set; } = new();

    public bool IsAdmin { get; private set; }

    /// <summary>Organisers and mentors see learning analytics (mentors: their teams' totals).</summary>
    public bool SeesAnalytics { get; private set; }

    /// <summary>Calendar days since the start and in all, for the programme's progress bar.</summary>
    public (int Elapsed, int Total, DateOnly Today) Progress { get; private set; }

    /// <summary>Participants answer the self-assessment.</summary>
    public bool IsParticipant { get; private set; }

    public async Task OnGetAsync(Guid programId)
    {
        Program = await mediator.Send(new ProgramOverview.Query(programId), HttpContext.RequestAborted);
        var me = await access.RequireProgramAsync(programId, ProgramPermission.Read, null, HttpContext.RequestAborted);
        IsAdmin = me.IsOrganizer;
        SeesAnalytics = me.Allows(ProgramPermission.ReadPeople);
        IsParticipant = me.IsTeamMember;
        var today = Domain.TeamHealth.Today(clock, Program.TimeZone);
        var end = Program.Stages.Select(s => s.EndDate).DefaultIfEmpty(Program.StartDate).Max();
        var total = Math.Max(1, end.DayNumber - Program.StartDate.DayNumber + 1);
        Progress = (Math.Clamp(today.DayNumber - Program.StartDate.DayNumber + 1, 0, total), total, today);
    }
}
