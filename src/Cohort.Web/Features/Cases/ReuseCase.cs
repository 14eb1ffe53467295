using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Cases;

/// <summary>
/// An organiser starts from a case they can see: either an existing team of their programme takes the case's problem as
/// its problem statement, or a new team is made for it. The team is linked to the case and the case counts the reuse.
/// </summary>
public static class ReuseCase
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid CaseId, Guid? TeamId, string? TeamName) : IRequest<Guid>, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.TeamName).MaximumLength(100);
            RuleFor(c => c.TeamName).NotEmpty().When(c => c.TeamId is null).WithMessage(l["Name the new team, or choose an existing one."]);
        }
    }

    public sealed class Handler(CohortDbContext db, AccessService access, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            _ = await access.ForCaseAsync(request.CaseId, cancellationToken) ?? throw new NotFoundException("Case");
            var source = await db.Cases.Where(c => c.Id == request.CaseId).Select(c => new { c.Id, c.Title, c.Department, OrganizationName = c.Organization!.Name }).SingleAsync(cancellationToken);
            var program = await db.Programs.Where(p => p.Id == request.ProgramId).Select(p => new { p.Id, p.OrganizationId }).SingleAsync(cancellationToken);
            var problem = Clip($"{source.Title}（{source.OrganizationName}）", 500);
            Team team;
            if (request.TeamId is { } teamId)
            {
                team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId && t.ProgramId == program.Id, cancellationToken)
                    ?? throw new Infrastructure.Mediation.RequestValidationException(typeof(Command), [new FluentValidation.Results.ValidationFailure(nameof(Command.TeamId), l["Choose a team of that programme."])]);
                if (team.SourceCaseId is not null)
                {
                    throw new ConflictException("This team already started from a case.");
                }

                team.ProblemTheme = problem;
            }
            else
            {
                var name = request.TeamName!.Trim();
                await TeamRules.EnsureNameFreeAsync<Command>(db, l, program.Id, name, null, cancellationToken);
                team = new Team { ProgramId = program.Id, Name = name, Department = source.Department is null ? null : Clip(source.Department, 100), ProblemTheme = problem };
                db.Teams.Add(team);
            }

            team.SourceCaseId = source.Id;
            db.CaseReuses.Add(new CaseReuse { CaseId = source.Id, OrganizationId = program.OrganizationId, ProgramId = program.Id, TeamId = team.Id, UserId = user.Id, At = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
            return team.Id;
        }

        private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
    }
}
