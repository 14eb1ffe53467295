using AutoMapper;
using AutoMapper.QueryableExtensions;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Programs;

public static class ProgramList
{
    [SignedIn]
    public sealed record Query(Guid? OrganizationId = null) : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, Guid OrganizationId, string OrganizationName, string Title, string TemplateKey, DateOnly StartDate, int StageCount, int TeamCount);

    public sealed class Profile : AutoMapper.Profile
    {
        public Profile() => CreateProjection<TrainingProgram, Item>()
            .ForCtorParam(nameof(Item.OrganizationName), o => o.MapFrom(s => s.Organization!.Name))
            .ForCtorParam(nameof(Item.StageCount), o => o.MapFrom(s => s.Stages.Count))
            .ForCtorParam(nameof(Item.TeamCount), o => o.MapFrom(s => s.Teams.Count));
    }

    public sealed class Handler(AccessService access, AutoMapper.IConfigurationProvider mapping) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken) =>
            await access.VisiblePrograms()
                .Where(p => request.OrganizationId == null || p.OrganizationId == request.OrganizationId)
                .OrderByDescending(p => p.StartDate).ThenBy(p => p.Title)
                .ProjectTo<Item>(mapping)
                .ToListAsync(cancellationToken);
    }
}

/// <summary>Everything on the programme overview: stages with milestones, teams with members and mentors.</summary>
public static class ProgramOverview
{
    [ProgramAccess(ProgramPermission.Read)]
    public sealed record Query(Guid ProgramId) : IRequest<Result>, IProgramRequest;

    public sealed class Result
    {
        public Guid Id { get; init; }
        public Guid Version { get; init; }
        public Guid OrganizationId { get; init; }
        public string OrganizationName { get; init; } = "";
        public string Title { get; init; } = "";
        public string? Description { get; init; }
        public string TemplateKey { get; init; } = "";
        public DateOnly StartDate { get; init; }
        public string TimeZone { get; init; } = "";
        public int CheckInCadenceWorkingDays { get; init; }
        public bool YearEndClosure { get; init; }
        public List<StageItem> Stages { get; init; } = [];
        public List<TeamItem> Teams { get; init; } = [];
        public int ParticipantCount { get; init; }
        public int UnassignedParticipantCount { get; init; }
    }

    public sealed class StageItem
    {
        public Guid Id { get; init; }
        public Guid Version { get; init; }
        public string Key { get; init; } = "";
        public int Order { get; init; }
        public string Name { get; init; } = "";
        public string? NameEn { get; init; }
        public string? Description { get; init; }
        public DateOnly StartDate { get; init; }
        public DateOnly EndDate { get; init; }
        public List<MilestoneItem> Milestones { get; init; } = [];
        public List<CriterionItem> Rubric { get; init; } = [];
    }

    public sealed class MilestoneItem
    {
        public Guid Id { get; init; }
        public Guid Version { get; init; }
        public Guid StageId { get; init; }
        public string Name { get; init; } = "";
        public string? NameEn { get; init; }
        public string? Description { get; init; }
        public DateOnly DueDate { get; init; }
        public DeliverableType Deliverable { get; init; }
    }

    public sealed class CriterionItem
    {
        public string Key { get; init; } = "";
        public string Name { get; init; } = "";
        public string? NameEn { get; init; }
        public int MaxScore { get; init; }
        public int Weight { get; init; }
    }

    public sealed class TeamItem
    {
        public Guid Id { get; init; }
        public Guid Version { get; init; }
        public string Name { get; init; } = "";
        public string? Department { get; init; }
        public string? ProblemTheme { get; init; }
        public List<MemberItem> Members { get; init; } = [];
        public List<MentorItem> Mentors { get; init; } = [];
    }

    public sealed class MemberItem
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Email { get; set; } = "";
        public string? Department { get; init; }
    }

    public sealed class MentorItem
    {
        public Guid MentorId { get; init; }
        public string Name { get; init; } = "";
        public string? Affiliation { get; init; }
    }

    public sealed class Profile : AutoMapper.Profile
    {
        public Profile()
        {
            CreateProjection<TrainingProgram, Result>()
                .ForMember(d => d.OrganizationName, o => o.MapFrom(s => s.Organization!.Name))
                .ForMember(d => d.Stages, o => o.MapFrom(s => s.Stages.OrderBy(x => x.Order)))
                .ForMember(d => d.Teams, o => o.MapFrom(s => s.Teams.OrderBy(t => t.Name)))
                .ForMember(d => d.ParticipantCount, o => o.MapFrom(s => s.Participants.Count))
                .ForMember(d => d.UnassignedParticipantCount, o => o.MapFrom(s => s.Participants.Count(p => p.TeamId == null)));
            CreateProjection<Stage, StageItem>()
                .ForMember(d => d.Milestones, o => o.MapFrom(s => s.Milestones.OrderBy(m => m.DueDate).ThenBy(m => m.Name)))
                .ForMember(d => d.Rubric, o => o.MapFrom(s => s.Rubric.OrderBy(r => r.Order)));
            CreateProjection<Milestone, MilestoneItem>();
            CreateProjection<RubricCriterion, CriterionItem>();
            CreateProjection<Team, TeamItem>()
                .ForMember(d => d.Members, o => o.MapFrom(s => s.Members.OrderBy(m => m.Name)))
                .ForMember(d => d.Mentors, o => o.MapFrom(s => s.Mentors.OrderBy(m => m.Mentor!.Name)));
            CreateProjection<Participant, MemberItem>();
            CreateProjection<MentorAssignment, MentorItem>()
                .ForMember(d => d.Name, o => o.MapFrom(s => s.Mentor!.Name))
                .ForMember(d => d.Affiliation, o => o.MapFrom(s => s.Mentor!.Affiliation));
        }
    }

    public sealed class Handler(CohortDbContext db, AutoMapper.IConfigurationProvider mapping, AccessService access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var result = await db.Programs.Where(p => p.Id == request.ProgramId)
                .ProjectTo<Result>(mapping)
                .AsSplitQuery()
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new Infrastructure.Errors.NotFoundException(nameof(TrainingProgram));

            // Team members and observers see who is in which team, not their e-mail addresses.
            var caller = await access.ForProgramAsync(request.ProgramId, cancellationToken);
            if (caller?.Allows(ProgramPermission.ReadPeople) != true)
            {
                foreach (var member in result.Teams.SelectMany(t => t.Members))
                {
                    member.Email = "";
                }
            }

            return result;
        }
    }
}
