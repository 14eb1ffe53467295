using Cohort.Web.Data;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Audit;

public sealed record AuditItem(DateTime At, string? UserName, string Action, Guid? ProgramId, string? Details);

/// <summary>A programme's audit trail, newest first, for its organisers.</summary>
public static class ProgramAuditLog
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Query(Guid ProgramId, int Take = 200) : IRequest<IReadOnlyList<AuditItem>>, IProgramRequest;

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, IReadOnlyList<AuditItem>>
    {
        public async Task<IReadOnlyList<AuditItem>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.AuditEntries.Where(a => a.ProgramId == request.ProgramId)
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Take(Math.Clamp(request.Take, 1, 1000))
                .Select(a => new AuditItem(a.At, a.UserName, a.Action, a.ProgramId, a.Details))
                .ToListAsync(cancellationToken);
    }
}

/// <summary>The whole deployment's audit trail (sign-ins, organisations, everything), for administrators.</summary>
public static class DeploymentAuditLog
{
    [AdminOnly]
    public sealed record Query(int Take = 200) : IRequest<IReadOnlyList<AuditItem>>;

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, IReadOnlyList<AuditItem>>
    {
        public async Task<IReadOnlyList<AuditItem>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.AuditEntries
                .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
                .Take(Math.Clamp(request.Take, 1, 1000))
                .Select(a => new AuditItem(a.At, a.UserName, a.Action, a.ProgramId, a.Details))
                .ToListAsync(cancellationToken);
    }
}
