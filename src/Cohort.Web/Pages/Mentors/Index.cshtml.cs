using Cohort.Web.Features.Mentors;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Mentors;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(IMediator mediator) : PageModel, IReloadOnError
{
    [BindProperty]
    public CreateMentor.Command Input { get; set; } = new("", "", null);

    public IReadOnlyList<MentorList.Item> Mentors { get; private set; } = [];

    public bool IsAdmin => User.IsInRole(Roles.Admin);

    public Task OnGetAsync() => ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!IsAdmin)
        {
            return Forbid();
        }

        await mediator.Send(Input);
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Mentors = await mediator.Send(new MentorList.Query(), cancellationToken);
}
