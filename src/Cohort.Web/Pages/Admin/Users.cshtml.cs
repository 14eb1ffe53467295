using Cohort.Web.Features.Users;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Admin;

[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<UserList.Item> Users { get; private set; } = [];

    public string? ResetLink { get; private set; }

    public async Task OnGetAsync() => Users = await mediator.Send(new UserList.Query(), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostResetAsync(Guid userId)
    {
        ResetLink = await mediator.Send(new CreatePasswordResetLink.Command(userId));
        await OnGetAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid userId)
    {
        await mediator.Send(new UnlockUser.Command(userId));
        return RedirectToPage();
    }
}
