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
        IReadOnlyList<object> Activity)
    {
        /// <summary>Self-assessment answers given as a participant.</summary>
        public IReadOnlyList<object> SelfAssessments { get; init; } = [];

        /// <summary>E-learning activity imported for this person.</summary>
        public IReadOnlyList<object> LearningActivity { get; init; } = [];
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var id = user.Id!.Value;
            var account = await db.Users.Where(u => u.Id == id)
                .Select(u => new { u.Email, u.DisplayName, u.CreatedAt, u.EmailConfirmed, u.LockoutEnd }).SingleAsync(cancellationToken);
            var email = account.Email!.ToLowerInvariant();
            var mine = db.Participants.Where(p => p.UserId == id || p.Email == email).Select(p => p.Id);
            var assessments = await db.SelfAssessments.Where(a => mine.Contains(a.ParticipantId))
                .Select(a => (object)new
                {
                    Program = db.Programs.Where(p => p.Id == a.ProgramId).Select(p => p.Title).First(),
                    Phase = a.Phase.ToString(), a.FrameworkKey, a.SubmittedAt, a.Late, a.Goals,
                    Answers = a.Answers.OrderBy(x => x.Id).Select(x => new { x.AreaKey, x.ItemKey, x.Rating }).ToList(),
                }).ToListAsync(cancellationToken);
            var learning = await db.LearningActivities.Where(a => mine.Contains(a.ParticipantId)).OrderBy(a => a.Date)
                .Select(a => (object)new { a.CourseTitle, a.Category, a.Minutes, a.Date, a.Completed, Device = a.Device.ToString() }).ToListAsync(cancellationToken);
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
                    .Select(a => (object)new { a.At, a.Action }).ToListAsync(cancellationToken))
            {
                SelfAssessments = assessments,
                LearningActivity = learning,
            };
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

            // Their name and address also appear in what was recorded about them: the audit details of this
            // programme, replies they wrote and invitations sent to them. The entries stay; the personal data goes.
            var traces = new[] { person.Email, person.Name }.Where(t => t.Length >= 2).Distinct().ToList();
            var audit = await db.AuditEntries.Where(a => a.ProgramId == request.ProgramId && a.Details != null).ToListAsync(cancellationToken);
            foreach (var entry in audit.Where(a => traces.Any(t => a.Details!.Contains(t, StringComparison.Ordinal) || a.UserName == t)))
            {
                entry.Details = traces.Aggregate(entry.Details!, (d, t) => d.Replace(t, FormerParticipant, StringComparison.Ordinal));
                if (entry.UserName is not null && traces.Contains(entry.UserName))
                {
                    entry.UserName = FormerParticipant;
                }
            }

            if (person.UserId is { } userId)
            {
                await db.CheckInReplies.Where(r => r.AuthorUserId == userId && db.CheckIns.Any(c => c.Id == r.CheckInId && c.ProgramId == request.ProgramId))
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.AuthorName, FormerParticipant), cancellationToken);
            }

            var email = person.Email;
            await db.Invitations.Where(i => i.ProgramId == request.ProgramId && i.Email == email)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.Email, $"removed-{person.Id:N}@invalid"), cancellationToken);

            // Ratings stay (they count, anonymously, in the programme's totals); what they wrote in their own words goes.
            await db.SelfAssessments.Where(a => a.ParticipantId == person.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.Goals, (string?)null), cancellationToken);

            person.Name = FormerParticipant;
            person.Email = $"removed-{person.Id:N}@invalid";
            person.Department = null;
            person.UserId = null;
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
