using Cohort.Web.Domain;
using Cohort.Web.Features.CheckIns;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Teams;

[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.MentorTeam)]
public sealed class NewCheckInModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    public const int BlankItemRows = 3;

    /// <summary>The form as posted; mapped onto <see cref="RecordCheckIn.Command"/> (blank item rows dropped).</summary>
    public sealed class FormInput
    {
        public DateOnly HeldOn { get; set; }
        public int DurationMinutes { get; set; } = 60;
        public CheckInFormat Format { get; set; }
        public string? Attendees { get; set; }
        public string? SharedNotes { get; set; }
        public string? PrivateNotes { get; set; }
        public HealthStatus Health { get; set; }
        public string? HealthReason { get; set; }
        public string? Blockers { get; set; }
        public List<DecisionInput> Decisions { get; set; } = [];
        public List<ItemInput> NewItems { get; set; } = [];
    }

    public sealed class DecisionInput
    {
        public Guid ActionItemId { get; set; }
        public ItemDecision Outcome { get; set; }
        public string? Note { get; set; }
        public DateOnly? NewDueDate { get; set; }
    }

    public sealed class ItemInput
    {
        public string? Title { get; set; }
        public Guid? OwnerParticipantId { get; set; }
        public DateOnly? DueDate { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid TeamId { get; set; }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public CheckInForm.Result Form { get; private set; } = null!;

    public List<SelectListItem> Formats { get; private set; } = [];

    public List<SelectListItem> HealthOptions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        await ReloadAsync(HttpContext.RequestAborted);
        Input.HeldOn = Form.Today;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var items = Input.NewItems.Where(i => !string.IsNullOrWhiteSpace(i.Title) || i.DueDate is not null)
            .Select(i => new RecordCheckIn.NewItem(i.Title ?? "", i.OwnerParticipantId, i.DueDate ?? default)).ToList();
        var decisions = Input.Decisions.Select(d => new RecordCheckIn.Decision(d.ActionItemId, d.Outcome, d.Note,
            d.Outcome == ItemDecision.CarryOver ? d.NewDueDate : null)).ToList();
        await mediator.Send(new RecordCheckIn.Command(ProgramId, TeamId, Input.HeldOn, Input.DurationMinutes, Input.Format, Input.Attendees,
            Input.SharedNotes, Input.PrivateNotes, Input.Health, Input.HealthReason, Input.Blockers, decisions, items));
        return Redirect($"/Programs/{ProgramId}/Teams/{TeamId}");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Form = await mediator.Send(new CheckInForm.Query(ProgramId, TeamId), cancellationToken);
        while (Input.NewItems.Count < BlankItemRows)
        {
            Input.NewItems.Add(new ItemInput());
        }

        Formats = Enum.GetValues<CheckInFormat>().Select(f => new SelectListItem(l[f.ToString()], f.ToString())).ToList();
        HealthOptions = Enum.GetValues<HealthStatus>().Select(h => new SelectListItem(l[h.ToString()], h.ToString())).ToList();
    }
}
