using Cohort.Web.Features.Users;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Account;

[Authorize(Policy = Policies.Anonymous)]
public sealed class ResetPasswordModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public ResetPassword.Command Input { get; set; } = new(Guid.Empty, "", "");

    public void OnGet(Guid userId, string? token) => Input = new ResetPassword.Command(userId, token ?? "", "");

    public async Task<IActionResult> OnPostAsync()
    {
        await mediator.Send(Input);
        TempData["Flash"] = "✓";
        return Redirect("/Account/Login");
    }
}
