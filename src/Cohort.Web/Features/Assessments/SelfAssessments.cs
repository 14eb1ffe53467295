using System.Globalization;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Assessments;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Assessments;

/// <summary>The frameworks a programme can use (templates/assessments).</summary>
public static class SkillFrameworkList
{
    [SignedIn]
    public sealed record Query : IRequest<IReadOnlyList<SkillFrameworkSummary>>;

    public sealed class Handler(SkillFrameworkCatalog catalog) : IRequestHandler<Query, IReadOnlyList<SkillFrameworkSummary>>
    {
        public Task<IReadOnlyList<SkillFrameworkSummary>> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult(catalog.List());
    }
}

/// <summary>
/// The organiser picks the framework the participants answer, or none. Once anyone has answered, the framework is
/// fixed: answers to two frameworks cannot be compared.
/// </summary>
public static class SetAssessmentFramework
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, string? FrameworkKey) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(SkillFrameworkCatalog catalog, IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.FrameworkKey)
                .Must(k => string.IsNullOrEmpty(k) || catalog.TryGet(k, out _))
                .WithMessage(l["There is no self-assessment framework with this key."]);
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            var key = string.IsNullOrEmpty(request.FrameworkKey) ? null : request.FrameworkKey;
            if (key == program.AssessmentFrameworkKey)
            {
                return Unit.Value;
            }

            if (await db.SelfAssessments.AnyAsync(a => a.ProgramId == program.Id, cancellationToken))
            {
                throw new ConflictException("Participants have already answered the self-assessment, so its framework can no longer change.");
            }

            program.AssessmentFrameworkKey = key;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

public sealed record AreaScore(string AreaKey, string Name, double? Pre, double? Post);

public sealed record PhaseView(AssessmentPhase Phase, DateOnly Opens, DateOnly Due, DateOnly Closes, bool IsOpen, bool Answered, bool Late, DateTime? SubmittedAt, Guid? Version, IReadOnlyDictionary<string, int> Ratings, string? Goals);

/// <summary>
/// The caller's own self-assessment in a programme: the framework's questions, each phase's window and answers, and
/// their change per skill. Only participants have one.
/// </summary>
public static class MySelfAssessment
{
    [ProgramAccess(ProgramPermission.Participate)]
    public sealed record Query(Guid ProgramId) : IRequest<Result>, IProgramRequest;

    public sealed record Result(Guid ProgramId, string ProgramTitle, SkillFramework? Framework, IReadOnlyList<PhaseView> Phases, IReadOnlyList<AreaScore> Change, int LearningMinutes, int CoursesCompleted);

    public sealed class Handler(CohortDbContext db, CurrentUser user, SkillFrameworkCatalog catalog, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var program = await db.GetProgramWithScheduleAsync(request.ProgramId, cancellationToken);
            var participant = await Participants.OfCallerAsync(db, user, program.Id, cancellationToken);
            var framework = program.AssessmentFrameworkKey is { } key && catalog.TryGet(key, out var f) ? f : null;
            var answers = await db.SelfAssessments.AsNoTracking().Include(a => a.Answers)
                .Where(a => a.ParticipantId == participant.Id).ToListAsync(cancellationToken);
            var today = TeamHealth.Today(clock, program.TimeZone);
            var phases = AssessmentWindow.For(program).Select(w =>
            {
                var mine = answers.SingleOrDefault(a => a.Phase == w.Phase);
                return new PhaseView(w.Phase, w.Opens, w.Due, w.Closes, w.IsOpen(today), mine is not null, mine?.Late ?? false, mine?.SubmittedAt, mine?.Version,
                    mine?.Answers.ToDictionary(x => x.ItemKey, x => x.Rating) ?? [], mine?.Goals);
            }).ToList();

            var culture = CultureInfo.CurrentUICulture;
            var change = framework is null
                ? []
                : framework.Areas.Select(area => new AreaScore(area.Key, area.Name.For(culture),
                    AreaMean(answers.SingleOrDefault(a => a.Phase == AssessmentPhase.Pre), area),
                    AreaMean(answers.SingleOrDefault(a => a.Phase == AssessmentPhase.Post), area))).ToList();

            var minutes = await db.LearningActivities.Where(a => a.ParticipantId == participant.Id).SumAsync(a => (int?)a.Minutes, cancellationToken) ?? 0;
            var completed = await db.LearningActivities.Where(a => a.ParticipantId == participant.Id && a.Completed).Select(a => a.CourseTitle).Distinct().CountAsync(cancellationToken);
            return new Result(program.Id, program.Title, framework, phases, change, minutes, completed);
        }
    }

    /// <summary>A person's score for a skill: the mean of their ratings of its statements.</summary>
    public static double? AreaMean(SelfAssessment? assessment, SkillArea area)
    {
        if (assessment is null)
        {
            return null;
        }

        var keys = area.Items.Select(i => i.Key).ToHashSet(StringComparer.Ordinal);
        var ratings = assessment.Answers.Where(a => keys.Contains(a.ItemKey)).Select(a => (double)a.Rating).ToList();
        return ratings.Count == 0 ? null : ratings.Average();
    }
}

/// <summary>
/// A participant answers (or changes their answer to) one phase while it is open: every statement rated 1–5, goals
/// optional. An answer given after the due date is kept and marked late.
/// </summary>
public static class SubmitSelfAssessment
{
    public const int MaxGoalsLength = 2000;

    [ProgramAccess(ProgramPermission.Participate)]
    public sealed record Command(Guid ProgramId, AssessmentPhase Phase, IReadOnlyDictionary<string, int>? Ratings, string? Goals, Guid? Version = null) : IRequest<Guid>, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Phase).IsInEnum();
            RuleFor(c => c.Goals).MaximumLength(MaxGoalsLength);
            RuleFor(c => c.Ratings).NotEmpty().WithMessage(l["Rate every statement from 1 to 5."]);
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, SkillFrameworkCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.GetProgramWithScheduleAsync(request.ProgramId, cancellationToken);
            var participant = await Participants.OfCallerAsync(db, user, program.Id, cancellationToken);
            if (program.AssessmentFrameworkKey is not { } key || !catalog.TryGet(key, out var framework))
            {
                throw new ConflictException("This programme has no self-assessment.");
            }

            var window = AssessmentWindow.For(program).SingleOrDefault(w => w.Phase == request.Phase)
                ?? throw new ConflictException("This programme has no self-assessment at this point.");
            var today = TeamHealth.Today(clock, program.TimeZone);
            if (!window.IsOpen(today))
            {
                throw new ConflictException(today < window.Opens
                    ? "This self-assessment is not open yet."
                    : "This self-assessment has closed.");
            }

            var ratings = request.Ratings ?? new Dictionary<string, int>();
            var failures = framework.Items.Where(i => !ratings.ContainsKey(i.Key))
                .Select(i => new ValidationFailure($"Ratings[{i.Key}]", l["Rate this statement."]))
                .Concat(ratings.Keys.Where(k => !framework.Items.Any(i => i.Key == k))
                    .Select(k => new ValidationFailure($"Ratings[{k}]", l["This statement is not part of the framework."])))
                .Concat(ratings.Where(r => r.Value is < SkillFramework.MinRating or > SkillFramework.MaxRating)
                    .Select(r => new ValidationFailure($"Ratings[{r.Key}]", l["Rate from 1 to {0}.", SkillFramework.MaxRating])))
                .ToList();
            if (failures.Count > 0)
            {
                throw new RequestValidationException(typeof(Command), failures);
            }

            var assessment = await db.SelfAssessments.Include(a => a.Answers)
                .SingleOrDefaultAsync(a => a.ParticipantId == participant.Id && a.Phase == request.Phase, cancellationToken);
            if (assessment is null)
            {
                assessment = new SelfAssessment { ProgramId = program.Id, ParticipantId = participant.Id, Phase = request.Phase, FrameworkKey = framework.Key };
                db.SelfAssessments.Add(assessment);
            }
            else if (request.Version is { } version)
            {
                db.ExpectVersion(assessment, version);
            }

            assessment.Goals = Infrastructure.TextInput.OrNull(request.Goals);
            assessment.SubmittedAt = clock.GetUtcNow().UtcDateTime;
            assessment.Late = window.IsLate(today);
            var areaOf = framework.Areas.SelectMany(a => a.Items.Select(i => (Item: i.Key, Area: a.Key))).ToDictionary(x => x.Item, x => x.Area, StringComparer.Ordinal);
            foreach (var item in framework.Items)
            {
                var answer = assessment.Answers.SingleOrDefault(a => a.ItemKey == item.Key);
                if (answer is null)
                {
                    assessment.Answers.Add(new SelfAssessmentAnswer { AreaKey = areaOf[item.Key], ItemKey = item.Key, Rating = ratings[item.Key] });
                }
                else
                {
                    answer.Rating = ratings[item.Key];
                }
            }

            // Changing an answer counts as a change of the assessment, so a stale copy elsewhere gets a 409.
            db.Entry(assessment).State = db.Entry(assessment).State == EntityState.Added ? EntityState.Added : EntityState.Modified;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (db.Entry(assessment).State == EntityState.Added)
            {
                throw new ConflictException("You answered this self-assessment in another window at the same time. Reload the page to see your answers.");
            }

            return assessment.Id;
        }
    }
}

internal static class Participants
{
    /// <summary>The caller's participant record in the programme; only participants answer self-assessments.</summary>
    public static async Task<Participant> OfCallerAsync(CohortDbContext db, CurrentUser user, Guid programId, CancellationToken ct)
    {
        var records = await db.Participants.Where(p => p.ProgramId == programId && p.UserId == user.Id).OrderBy(p => p.Id).Take(2).ToListAsync(ct);
        return records.Count switch
        {
            0 => throw new ForbiddenException("Only participants of this programme take its self-assessment."),
            1 => records[0],
            // Two invitations to different addresses accepted with one account: whose answers these are is unclear.
            _ => throw new ConflictException("Your account is linked to two participants of this programme. Ask an organiser to remove one of them."),
        };
    }
}
