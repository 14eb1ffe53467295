using Cohort.Web.Data;
using Cohort.Web.Domain;

namespace Cohort.Web.Infrastructure.Auth;

/// <summary>Audit entries for what does not go through a command: sign-ins and their failures.</summary>
public sealed class AuditTrail(CohortDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(string action, string? userName, Guid? userId = null, string? details = null, CancellationToken ct = default)
    {
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, Action = action, UserName = userName, UserId = userId, Details = details });
        await db.SaveChangesAsync(ct);
    }
}
