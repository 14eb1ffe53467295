using System.Security.Claims;
using Cohort.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Infrastructure.Auth;

/// <summary>Claim names in Entra ID v2.0 ID tokens (kept as sent: the handler does not map inbound claims).</summary>
public static class EntraIdClaims
{
    public const string ObjectId = "oid";
    public const string TenantId = "tid";
    public const string Email = "email";
    public const string PreferredUsername = "preferred_username";
    public const string Name = "name";

    /// <summary>Optional claim: the domain of the <c>email</c> claim is verified by its owner.</summary>
    public const string EmailDomainOwnerVerified = "xms_edov";
}

/// <summary>
/// A person as Entra ID identified them, reduced to what Cohort relies on.
/// <para>
/// <see cref="ProviderKey"/> is <c>{tid}:{oid}</c> and is the durable key stored in AspNetUserLogins. The object id
/// (oid) never changes for the life of the account and is the same for every app in the tenant, while the same
/// person has a different oid in every tenant, so only tid and oid together are unique. E-mail addresses and user
/// principal names are not durable: they change with a name change or a renamed municipal domain, and an address is
/// often handed to the next person in the same post. <c>sub</c> is stable but differs per app registration, so it
/// would break every link if the app were registered again. The e-mail is therefore used once, to find an existing
/// account the first time, and never again after the login is linked.
/// </para>
/// </summary>
/// <param name="Email">An address Cohort may trust to find an account, or null (see <see cref="EntraIdSignIn"/>).</param>
public sealed record ExternalIdentity(string LoginProvider, string ProviderKey, string TenantId, string ObjectId, string? Email, string? Name);

/// <summary>
/// Decides which local user an authenticated external identity signs in as. The seam for invitations: an
/// implementation may also create the user from a pending invitation. Linking the login and signing in stay in
/// <see cref="EntraIdSignIn"/>.
/// </summary>
public interface IExternalSignInPolicy
{
    /// <returns>The user to sign in, or null when this person may not enter Cohort.</returns>
    Task<AppUser?> FindUserAsync(ExternalIdentity identity, CancellationToken cancellationToken);
}

/// <summary>Only people who already have a Cohort account may enter: by their linked login, else once by e-mail.</summary>
public class MatchExistingUser(UserManager<AppUser> users) : IExternalSignInPolicy
{
    public virtual async Task<AppUser?> FindUserAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        var linked = await users.FindByLoginAsync(identity.LoginProvider, identity.ProviderKey);
        if (linked is not null)
        {
            return linked;
        }

        // Identity compares normalized (upper-case) addresses, so the match is case-insensitive.
        var byEmail = identity.Email is null ? null : await users.FindByEmailAsync(identity.Email);
        if (byEmail is null)
        {
            return null;
        }

        // An account already linked to another Entra ID identity stays with that person: whoever gets the address
        // next must not inherit it. (Moving a person to a new tenant means removing the old login first.)
        var logins = await users.GetLoginsAsync(byEmail);
        return logins.Any(l => l.LoginProvider == identity.LoginProvider) ? null : byEmail;
    }
}

public enum ExternalSignInOutcome
{
    SignedIn,
    Failed,
    OtherTenant,
    NotRegistered,
    LockedOut,
    NotAllowed,
}

/// <summary>
/// Everything after Entra ID has authenticated someone: check the tenant, find the local user through the
/// <see cref="IExternalSignInPolicy"/>, refuse locked accounts, link the login, sign in with the application cookie.
/// </summary>
public sealed class EntraIdSignIn(
    EntraIdSettings settings,
    IExternalSignInPolicy policy,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    AuditTrail audit,
    ILogger<EntraIdSignIn> log)
{
    private const string LoginProviderItem = "LoginProvider";

    public async Task<ExternalSignInOutcome> CompleteAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var (outcome, who) = await DecideAsync(http, cancellationToken);
        await audit.RecordAsync(outcome == ExternalSignInOutcome.SignedIn ? "SignIn" : "SignInRefused", who, details: $"entra-id: {outcome}", ct: cancellationToken);
        return outcome;
    }

    private async Task<(ExternalSignInOutcome Outcome, string? Who)> DecideAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);

        // The external cookie only carries this one result; whatever happens next it is not needed again.
        await http.SignOutAsync(IdentityConstants.ExternalScheme);

        if (!settings.Enabled
            || !external.Succeeded
            || external.Properties?.Items.TryGetValue(LoginProviderItem, out var provider) != true
            || provider != EntraIdSettings.Scheme)
        {
            return (ExternalSignInOutcome.Failed, null);
        }

        var identity = Identify(external.Principal);
        if (identity is null)
        {
            log.LogWarning("Entra ID sent no oid or tid claim; is the 'profile' scope granted?");
            return (ExternalSignInOutcome.Failed, null);
        }

        if (!settings.AnyTenant && !string.Equals(identity.TenantId, settings.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            log.LogWarning("Refused Entra ID sign-in of {ProviderKey}: tenant is not {TenantId}.", identity.ProviderKey, settings.TenantId);
            return (ExternalSignInOutcome.OtherTenant, identity.ProviderKey);
        }

        var user = await policy.FindUserAsync(identity, cancellationToken);
        if (user is null)
        {
            log.LogInformation("Refused Entra ID sign-in of {ProviderKey}: no Cohort account.", identity.ProviderKey);
            return (ExternalSignInOutcome.NotRegistered, identity.ProviderKey);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return (ExternalSignInOutcome.LockedOut, user.Email);
        }

        if (!await signIn.CanSignInAsync(user))
        {
            return (ExternalSignInOutcome.NotAllowed, user.Email);
        }

        var logins = await users.GetLoginsAsync(user);
        if (!logins.Any(l => l.LoginProvider == identity.LoginProvider && l.ProviderKey == identity.ProviderKey))
        {
            var linked = await users.AddLoginAsync(user, new UserLoginInfo(identity.LoginProvider, identity.ProviderKey, settings.DisplayName));
            if (!linked.Succeeded)
            {
                log.LogError("Could not link Entra ID login {ProviderKey} to user {UserId}: {Errors}", identity.ProviderKey, user.Id, string.Join("; ", linked.Errors.Select(e => e.Description)));
                return (ExternalSignInOutcome.Failed, user.Email);
            }

            log.LogInformation("Linked Entra ID login {ProviderKey} to user {UserId}.", identity.ProviderKey, user.Id);
        }

        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: EntraIdSettings.Scheme);
        return (ExternalSignInOutcome.SignedIn, user.Email);
    }

    private ExternalIdentity? Identify(ClaimsPrincipal? principal)
    {
        var objectId = principal?.FindFirstValue(EntraIdClaims.ObjectId);
        var tenantId = principal?.FindFirstValue(EntraIdClaims.TenantId);
        if (principal is null || string.IsNullOrWhiteSpace(objectId) || string.IsNullOrWhiteSpace(tenantId))
        {
            return null;
        }

        objectId = objectId.Trim().ToLowerInvariant();
        tenantId = tenantId.Trim().ToLowerInvariant();
        return new ExternalIdentity(
            EntraIdSettings.Scheme,
            $"{tenantId}:{objectId}",
            tenantId,
            objectId,
            TrustedEmail(principal),
            principal.FindFirstValue(EntraIdClaims.Name));
    }

    /// <summary>
    /// In our own tenant its administrators own every address, so <c>email</c>, else an address-shaped
    /// <c>preferred_username</c> (the UPN), may find an account. With organizations/common anyone can create a
    /// tenant and put any address on a user, so there only an <c>email</c> whose domain owner Entra ID has verified
    /// (optional claim xms_edov) counts; without it nobody is matched by e-mail.
    /// </summary>
    private string? TrustedEmail(ClaimsPrincipal principal)
    {
        var email = principal.FindFirstValue(EntraIdClaims.Email);
        if (settings.AnyTenant)
        {
            var verified = principal.FindFirstValue(EntraIdClaims.EmailDomainOwnerVerified);
            return verified is not null && (verified.Equals("true", StringComparison.OrdinalIgnoreCase) || verified == "1") ? Address(email) : null;
        }

        return Address(email) ?? Address(principal.FindFirstValue(EntraIdClaims.PreferredUsername));
    }

    private static string? Address(string? value) =>
        string.IsNullOrWhiteSpace(value) || !value.Contains('@', StringComparison.Ordinal) ? null : value.Trim();
}

/// <summary>
/// Existing accounts as in <see cref="MatchExistingUser"/>; besides them, someone holding an open invitation for
/// the address Entra ID vouches for gets an account (no password: they sign in through Entra ID) and then accepts
/// the invitation on its page. Everyone else stays out.
/// </summary>
public sealed class MatchExistingOrInvitedUser(UserManager<AppUser> userManager, Data.CohortDbContext db, TimeProvider clock)
    : MatchExistingUser(userManager)
{
    private readonly UserManager<AppUser> users = userManager;

    public override async Task<AppUser?> FindUserAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        var existing = await base.FindUserAsync(identity, cancellationToken);
        if (existing is not null || identity.Email is null || await users.FindByEmailAsync(identity.Email) is not null)
        {
            return existing;
        }

        var email = identity.Email.ToLowerInvariant();
        var now = clock.GetUtcNow().UtcDateTime;
        var invited = await db.Invitations.AnyAsync(i => i.Email == email && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancellationToken);
        if (!invited)
        {
            return null;
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = identity.Name ?? email, CreatedAt = now };
        var created = await users.CreateAsync(user);
        return created.Succeeded ? user : null;
    }
}
