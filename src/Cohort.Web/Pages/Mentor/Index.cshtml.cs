using Cohort.Web.Features.CheckIns;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Mentor;

[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public MentorHome.Result Home { get; private set; } = null!;

    public async Task OnGetAsync() => Home = await mediator.Send(new MentorHome.Query(), HttpContext.RequestAborted);
}
