using Cohort.Web.Data;
using Cohort.Web.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.People;

/// <summary>Everything Cohort holds about the caller, for them to download.</summary>
public static class MyData
{
    [SignedIn]
    public sealed record Query : IRequest<Result>;

    public sealed record Result(
        object Account,
        IReadOnlyList<object> Organizations,
        IReadOnlyList<object> ProgramRoles,
        IReadOnlyList<object> Participations,
        IReadOnlyList<object> Mentoring,
        IReadOnlyList<object> Tokens,
        IReadOnlyList<object> Activity);

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var id = user.Id!.Value;
            var account = await db.Users.Where(u => u.Id == id)
                .Select(u => new { u.Email, u.DisplayName, u.CreatedAt, u.EmailConfirmed, u.LockoutEnd }).SingleAsync(cancellationToken);
            var email = account.Email!.ToLowerInvariant();
            return new Result(
                account,
                await db.OrganizationMembers.Where(m => m.UserId == id).Select(m => (object)new { Organization = m.Organization!.Name, Role = m.Role.ToString() }).ToListAsync(cancellationToken),
                await db.ProgramMembers.Where(m => m.UserId == id).Select(m => (object)new { Program = m.Program!.Title, Role = m.Role.ToString() }).ToListAsync(cancellationToken),
                await db.Participants.Where(p => p.UserId == id || p.Email == email)
                    .Select(p => (object)new { Program = p.Program!.Title, p.Name, p.Email, p.Department, Team = p.Team == null ? null : p.Team.Name }).ToListAsync(cancellationToken),
                await db.MentorAssignments.Where(a => a.Mentor!.UserId == id || a.Mentor.Email == email)
                    .Select(a => (object)new { Program = a.Team!.Program!.Title, Team = a.Team.Name }).ToListAsync(cancellationToken),
                await db.PersonalAccessTokens.Where(t => t.UserId == id)
                    .Select(t => (object)new { t.Name, t.Prefix, t.ReadOnly, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt }).ToListAsync(cancellationToken),
                await db.AuditEntries.Where(a => a.UserId == id || a.UserName == account.Email)
                    .OrderByDescending(a => a.At).Take(1000)
                    .Select(a => (object)new { a.At, a.Action }).ToListAsync(cancellationToken));
        }
    }
}

/// <summary>
/// Removes a participant's personal data from a programme. The record stays so that team work keeps its
/// history, attributed to "former participant"; name, e-mail, department and the link to an account go.
/// </summary>
public static class AnonymiseParticipant
{
    public const string FormerParticipant = "元受講者 (former participant)";

    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ParticipantId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ParticipantId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var person = await db.Participants.Where(p => p.ProgramId == request.ProgramId).GetAsync(request.ParticipantId, cancellationToken);
            person.Name = FormerParticipant;
            person.Email = $"removed-{person.Id:N}@invalid";
            person.Department = null;
            person.UserId = null;
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
