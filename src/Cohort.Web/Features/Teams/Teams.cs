using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Teams;

internal static class TeamRules
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, string> name, Func<T, string?> department, Func<T, string?> theme)
    {
        v.RuleFor(c => name(c)).NotEmpty().MaximumLength(100).For("Name");
        v.RuleFor(c => department(c)).MaximumLength(100).For("Department");
        v.RuleFor(c => theme(c)).MaximumLength(500).For("ProblemTheme");
    }

    public static async Task EnsureNameFreeAsync<TCommand>(CohortDbContext db, IStringLocalizer l, Guid programId, string name, Guid? exceptTeamId, CancellationToken ct)
    {
        if (await db.Teams.AnyAsync(t => t.ProgramId == programId && t.Name == name && t.Id != exceptTeamId, ct))
        {
            throw new Infrastructure.Mediation.RequestValidationException(typeof(TCommand), [new FluentValidation.Results.ValidationFailure("Name", l["A team with this name already exists in this programme."])]);
        }
    }
}

public static class CreateTeam
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, string Name, string? Department, string? ProblemTheme) : IRequest<Guid>, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => TeamRules.Apply(this, c => c.Name, c => c.Department, c => c.ProblemTheme);
    }

    public sealed class Handler(CohortDbContext db, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            var name = request.Name.Trim();
            await TeamRules.EnsureNameFreeAsync<Command>(db, l, program.Id, name, null, cancellationToken);
            var team = new Team { ProgramId = program.Id, Name = name, Department = TextInput.OrNull(request.Department), ProblemTheme = TextInput.OrNull(request.ProblemTheme) };
            db.Teams.Add(team);
            await db.SaveChangesAsync(cancellationToken);
            return team.Id;
        }
    }
}

public static class UpdateTeam
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid TeamId, string Name, string? Department, string? ProblemTheme, Guid Version) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            TeamRules.Apply(this, c => c.Name, c => c.Department, c => c.ProblemTheme);
            RuleFor(c => c.Version).NotEmpty();
        }
    }

    public sealed class Handler(CohortDbContext db, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            var name = request.Name.Trim();
            await TeamRules.EnsureNameFreeAsync<Command>(db, l, team.ProgramId, name, team.Id, cancellationToken);
            db.ExpectVersion(team, request.Version);
            team.Name = name;
            team.Department = TextInput.OrNull(request.Department);
            team.ProblemTheme = TextInput.OrNull(request.ProblemTheme);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>Deletes a team; its members stay in the programme without a team.</summary>
public static class DeleteTeam
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid TeamId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.TeamId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Include(t => t.Members).Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            if (await db.CheckIns.AnyAsync(c => c.TeamId == team.Id, cancellationToken))
            {
                // Its check-ins, notes and action items are the team's history: deleting would lose them silently.
                throw new Infrastructure.Errors.ConflictException("This team has check-ins and cannot be deleted. Rename it instead.");
            }

            foreach (var member in team.Members)
            {
                member.TeamId = null;
            }

            db.Teams.Remove(team);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
