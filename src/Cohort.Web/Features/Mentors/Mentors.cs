using AutoMapper;
using AutoMapper.QueryableExtensions;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Mentors;

public static class CreateMentor
{
    [AdminOnly]
    public sealed record Command(string Name, string Email, string? Affiliation) : IRequest<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
            RuleFor(c => c.Affiliation).MaximumLength(200);
        }
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var email = request.Email.Trim().ToLowerInvariant();
            if (await db.Mentors.AnyAsync(m => m.Email == email, cancellationToken))
            {
                throw new ConflictException("A mentor with this e-mail address already exists.");
            }

            var mentor = new Mentor { Name = request.Name.Trim(), Email = email, Affiliation = TextInput.OrNull(request.Affiliation) };
            db.Mentors.Add(mentor);
            await db.SaveChangesAsync(cancellationToken);
            return mentor.Id;
        }
    }
}

public static class MentorList
{
    [SignedIn]
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string Name, string Email, string? Affiliation, int TeamCount);

    public sealed class Profile : AutoMapper.Profile
    {
        public Profile() => CreateProjection<Mentor, Item>()
            .ForCtorParam(nameof(Item.TeamCount), o => o.MapFrom(s => s.Assignments.Count));
    }

    public sealed class Handler(AccessService access, CohortDbContext db, CurrentUser user, AutoMapper.IConfigurationProvider mapping) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var items = await access.VisibleMentors().OrderBy(m => m.Name).ProjectTo<Item>(mapping).ToListAsync(cancellationToken);
            // Contact details are for those who arrange mentoring: admins, organisation admins and organisers.
            var arranges = user.IsAdmin
                || await db.OrganizationMembers.AnyAsync(m => m.UserId == user.Id && m.Role == OrganizationRole.Admin, cancellationToken)
                || await db.ProgramMembers.AnyAsync(m => m.UserId == user.Id && m.Role == ProgramRole.Organizer, cancellationToken);
            return arranges ? items : items.Select(i => i with { Email = "" }).ToList();
        }
    }
}

public static class AssignMentor
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid MentorId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.TeamId).NotEmpty();
            RuleFor(c => c.MentorId).NotEmpty();
        }
    }

    public sealed class Handler(CohortDbContext db, AccessService access) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            var mentor = await access.VisibleMentors().GetAsync(request.MentorId, cancellationToken);
            // Assigning twice is harmless: the assignment already exists.
            if (!await db.MentorAssignments.AnyAsync(a => a.TeamId == team.Id && a.MentorId == mentor.Id, cancellationToken))
            {
                db.MentorAssignments.Add(new MentorAssignment { TeamId = team.Id, MentorId = mentor.Id });
                await db.SaveChangesAsync(cancellationToken);
            }

            return MediatR.Unit.Value;
        }
    }
}

public static class UnassignMentor
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid MentorId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.MentorId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            await db.Teams.Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            var assignment = await db.MentorAssignments.SingleOrDefaultAsync(a => a.TeamId == request.TeamId && a.MentorId == request.MentorId, cancellationToken);
            // Removing an assignment that is not there leaves the same state: nothing to do.
            if (assignment is not null)
            {
                db.MentorAssignments.Remove(assignment);
                await db.SaveChangesAsync(cancellationToken);
            }

            return MediatR.Unit.Value;
        }
    }
}
