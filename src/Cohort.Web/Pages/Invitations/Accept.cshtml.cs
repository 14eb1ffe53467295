using Cohort.Web.Domain;
using Cohort.Web.Features.People;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Invitations;

[Authorize(Policy = Policies.Anonymous)]
public sealed class AcceptModel(IMediator mediator, SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    [BindProperty(SupportsGet = true)]
    public string Token { get; set; } = "";

    [BindProperty]
    public RegisterWithInvitation.Command Input { get; set; } = new("", "", "");

    public InvitationPreview.Result? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            Preview = await mediator.Send(new InvitationPreview.Query(Token));
        }
        catch (ConflictException e)
        {
            ModelState.AddModelError(string.Empty, l[e.Message]);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        await mediator.Send(new AcceptInvitation.Command(Token));
        return Redirect("/");
    }

    public async Task<IActionResult> OnPostRegisterAsync()
    {
        var userId = await mediator.Send(Input with { Token = Token });
        var user = await signIn.UserManager.FindByIdAsync(userId.ToString());
        await signIn.SignInAsync(user!, isPersistent: false);
        return Redirect("/");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Preview = await mediator.Send(new InvitationPreview.Query(Token), cancellationToken);
}
