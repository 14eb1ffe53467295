using Cohort.Web.Data;
using Cohort.Web.Domain;

namespace Cohort.Web.Infrastructure.Auth;

/// <summary>Audit entries for what does not go through a command: sign-ins and their failures.</summary>
public sealed class AuditTrail(CohortDbContext db, TimeProvider clock)
{
    public Task RecordAsync(string action, string? userName, Guid? userId = null, string? details = null, CancellationToken ct = default) =>
        SaveAsync(null, action, userName, userId, details, ct);

    /// <summary>An entry about one programme (an export of its data), so it shows in that programme's audit log.</summary>
    public Task RecordForProgramAsync(Guid programId, string action, string? userName, Guid? userId, string? details, CancellationToken ct) =>
        SaveAsync(programId, action, userName, userId, details, ct);

    private async Task SaveAsync(Guid? programId, string action, string? userName, Guid? userId, string? details, CancellationToken ct)
    {
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow().UtcDateTime, Action = action, ProgramId = programId, UserName = Fit(userName, 254), UserId = userId, Details = Fit(details, 4000) });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whatever someone typed, the entry must fit its column (a 300-character "e-mail" at sign-in).</summary>
    internal static string? Fit(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}
