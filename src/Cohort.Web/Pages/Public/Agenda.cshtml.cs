using Cohort.Web.Features.Showcases;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Public;

/// <summary>The showcase's agenda for invitees without an account (guests from other departments, the mayor's office), behind its secret link.</summary>
[AllowAnonymous]
public sealed class AgendaModel(IMediator mediator) : PageModel
{
    public PublicAgenda.Result Agenda { get; private set; } = default!;

    public string Key { get; private set; } = "";

    public async Task OnGetAsync(string key)
    {
        Key = key;
        Agenda = await mediator.Send(new PublicAgenda.Query(key), HttpContext.RequestAborted);
    }
}
