using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Auth;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Participants;

/// <summary>
/// Imports participants from a CSV file, all or nothing. People are matched by e-mail within the
/// programme, so a re-import updates them; unknown team names create teams; an empty team cell keeps
/// the person's current team.
/// </summary>
public static class ImportParticipants
{
    public const int MaxBytes = 2 * 1024 * 1024;

    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, byte[] Content) : IRequest<Result>, IProgramRequest;

    public sealed record Result(int Created, int Updated, int Unchanged, IReadOnlyList<string> TeamsCreated, string Encoding);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Content).NotEmpty().WithMessage(l["Choose a CSV file to import."])
                .Must(c => c.Length <= MaxBytes).WithMessage(l["The file is larger than 2 MB."]);
        }
    }

    public sealed class Handler(CohortDbContext db, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            using var stream = new MemoryStream(request.Content, writable: false);
            var parsed = ParticipantCsv.Parse(stream, l);
            if (!parsed.IsValid)
            {
                throw new Infrastructure.Mediation.RequestValidationException(typeof(Command), parsed.Errors.Select(ToFailure));
            }

            var teams = await db.Teams.Where(t => t.ProgramId == program.Id).ToDictionaryAsync(t => t.Name, cancellationToken);
            var emails = parsed.Rows.Select(r => r.Email).ToList();
            var existing = await db.Participants.Where(p => p.ProgramId == program.Id && emails.Contains(p.Email)).ToDictionaryAsync(p => p.Email, cancellationToken);

            var created = 0;
            var updated = 0;
            var teamsCreated = new List<string>();
            foreach (var row in parsed.Rows)
            {
                Team? team = null;
                if (row.Team is not null && !teams.TryGetValue(row.Team, out team))
                {
                    team = new Team { ProgramId = program.Id, Name = row.Team, Department = row.Department };
                    db.Teams.Add(team);
                    teams[row.Team] = team;
                    teamsCreated.Add(row.Team);
                }

                if (existing.TryGetValue(row.Email, out var person))
                {
                    var changed = person.Name != row.Name || person.Department != row.Department || (team is not null && person.TeamId != team.Id);
                    person.Name = row.Name;
                    person.Department = row.Department;
                    if (team is not null)
                    {
                        person.TeamId = team.Id;
                    }

                    updated += changed ? 1 : 0;
                }
                else
                {
                    db.Participants.Add(new Participant { ProgramId = program.Id, Name = row.Name, Email = row.Email, Department = row.Department, TeamId = team?.Id });
                    created++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return new Result(created, updated, parsed.Rows.Count - created - updated, teamsCreated, parsed.EncodingName);
        }
    }

    /// <summary>Row errors travel as validation failures named rows[N].Column so pages and API show them alike.</summary>
    private static ValidationFailure ToFailure(CsvCellError e) =>
        new($"Rows[{e.Row}].{e.Column}", e.Message) { CustomState = e };
}

public static class SaveParticipant
{
    /// <summary>Adds a participant, or updates the one with the same e-mail in the programme.</summary>
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, string Name, string Email, string? Department, Guid? TeamId) : IRequest<Guid>, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Email).NotEmpty().MaximumLength(254).EmailAddress();
            RuleFor(c => c.Department).MaximumLength(100);
        }
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            if (request.TeamId is { } teamId)
            {
                await db.Teams.Where(t => t.ProgramId == program.Id).GetAsync(teamId, cancellationToken);
            }

            var email = request.Email.Trim().ToLowerInvariant();
            var person = await db.Participants.SingleOrDefaultAsync(p => p.ProgramId == program.Id && p.Email == email, cancellationToken);
            if (person is null)
            {
                person = new Participant { ProgramId = program.Id, Name = request.Name.Trim(), Email = email };
                db.Participants.Add(person);
            }

            person.Name = request.Name.Trim();
            person.Department = Infrastructure.TextInput.OrNull(request.Department);
            person.TeamId = request.TeamId;
            await db.SaveChangesAsync(cancellationToken);
            return person.Id;
        }
    }
}

public static class RemoveParticipant
{
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
            db.Participants.Remove(person);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

public static class ParticipantList
{
    [ProgramAccess(ProgramPermission.ReadPeople)]
    public sealed record Query(Guid ProgramId) : IRequest<IReadOnlyList<Item>>, IProgramRequest;

    public sealed record Item(Guid Id, string Name, string Email, string? Department, Guid? TeamId, string? TeamName);

    public sealed class Profile : AutoMapper.Profile
    {
        public Profile() => CreateProjection<Participant, Item>()
            .ForCtorParam(nameof(Item.TeamName), o => o.MapFrom(s => s.Team == null ? null : s.Team.Name));
    }

    public sealed class Handler(CohortDbContext db, AutoMapper.IConfigurationProvider mapping) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            return await AutoMapper.QueryableExtensions.Extensions.ProjectTo<Item>(
                    db.Participants.Where(p => p.ProgramId == request.ProgramId).OrderBy(p => p.Name), mapping)
                .ToListAsync(cancellationToken);
        }
    }
}
