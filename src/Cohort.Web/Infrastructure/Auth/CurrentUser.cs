using System.Security.Claims;

namespace Cohort.Web.Infrastructure.Auth;

/// <summary>
/// Who is asking, for handlers and the authorization behavior. Comes from the request's principal;
/// background jobs and tests set it explicitly.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor http)
{
    private ClaimsPrincipal? _explicit;

    public ClaimsPrincipal Principal => _explicit ?? http.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? Id => IsAuthenticated && Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? Name => Principal.Identity?.Name;

    public bool IsAdmin => Principal.IsInRole(Roles.Admin);

    public void Set(ClaimsPrincipal principal) => _explicit = principal;
}
