using Microsoft.AspNetCore.Identity;

namespace Cohort.Web.Domain;

public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>"ja" or "en": the language of e-mails and notifications.</summary>
    public string Language { get; set; } = "ja";

    /// <summary>Non-essential nudge kinds this person does not want, comma-separated.</summary>
    public string? MutedNudgeKinds { get; set; }

    public bool Mutes(NudgeKind kind) =>
        !Nudge.IsEssential(kind) && (MutedNudgeKinds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(kind.ToString());
}

/// <summary>
/// A personal access token for API clients. Only a SHA-256 hash of the secret is stored; the secret
/// is shown once at creation.
/// </summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public Guid UserId { get; set; }

    public AppUser? User { get; set; }

    public required string Name { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, to recognise it in the list.</summary>
    public required string Prefix { get; set; }

    public bool ReadOnly { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ExpiresAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public bool IsActive(DateTime utcNow) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > utcNow);
}
