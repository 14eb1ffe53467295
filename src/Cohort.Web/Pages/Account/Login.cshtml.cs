using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Account;

[Authorize(Policy = Policies.Anonymous)]
public sealed class LoginModel(SignInManager<AppUser> signIn, AuditTrail audit, IStringLocalizer<SharedResource> l, EntraIdSettings entraId) : PageModel
{
    public EntraIdSettings EntraId => entraId;

    public sealed record Credentials(string? Email, string? Password);

    [BindProperty]
    public Credentials Input { get; set; } = new(null, null);

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    /// <summary>Off to Entra ID; /Account/ExternalCallback decides afterwards whether this person may enter.</summary>
    public IActionResult OnPostEntraId()
    {
        if (!entraId.Enabled)
        {
            return NotFound();
        }

        var callback = Url.Page("/Account/ExternalCallback", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        var properties = signIn.ConfigureExternalAuthenticationProperties(EntraIdSettings.Scheme, callback);
        return Challenge(properties, EntraIdSettings.Scheme);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", l["Enter your e-mail address."]);
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", l["Enter your password."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email!.Trim();
        var result = await signIn.PasswordSignInAsync(email, Input.Password!, isPersistent: false, lockoutOnFailure: true);
        await audit.RecordAsync(result.Succeeded ? "SignIn" : result.IsLockedOut ? "SignInLockedOut" : "SignInFailed", email, details: "password");
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? l["Too many failed attempts. The account is locked for a while; try again later."]
            : l["The e-mail address or password is not correct."]);
        return Page();
    }
}
