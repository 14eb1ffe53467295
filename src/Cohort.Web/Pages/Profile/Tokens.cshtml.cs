using Cohort.Web.Features.Tokens;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Cohort.Web.Pages.Profile;

[Authorize(Policy = Policies.SignedIn)]
public sealed class TokensModel(IMediator mediator) : PageModel, IReloadOnError
{
    [BindProperty]
    public CreateToken.Command Input { get; set; } = new("", false, 90);

    public string? NewToken { get; private set; }

    public IReadOnlyList<TokenList.Item> Tokens { get; private set; } = [];

    public Task OnGetAsync() => ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var created = await mediator.Send(Input);
        NewToken = created.Token;
        Input = new CreateToken.Command("", false, 90);
        ModelState.Clear();
        await ReloadAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId)
    {
        await mediator.Send(new RevokeToken.Command(tokenId));
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Tokens = await mediator.Send(new TokenList.Query(), cancellationToken);
}
