using Cohort.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Account;

/// <summary>Where Entra ID sign-in lands after /signin-oidc: enter Cohort, or learn why not.</summary>
[Authorize(Policy = Policies.Anonymous)]
public sealed class ExternalCallbackModel(EntraIdSignIn entraId, EntraIdSettings settings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public ExternalSignInOutcome Outcome { get; private set; }

    public string DisplayName => settings.DisplayName;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Outcome = await entraId.CompleteAsync(HttpContext, cancellationToken);
        if (Outcome == ExternalSignInOutcome.SignedIn)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Response.StatusCode = Outcome == ExternalSignInOutcome.Failed ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden;
        return Page();
    }
}
