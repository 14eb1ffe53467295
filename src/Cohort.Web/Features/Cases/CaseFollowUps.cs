using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Cases;

/// <summary>
/// The team records what became of its prototype: adopted into daily work, piloting, or stopped (and why), with the
/// effect measured. It answers the earliest follow-up that is due and not yet answered (30, 90 days after the showcase);
/// the case's outcome becomes the latest status.
/// </summary>
public static class RecordCaseFollowUp
{
    [CaseAccess(CasePermission.Contribute)]
    public sealed record Command(Guid CaseId, CaseOutcome Status, string? Effect, string? Reason) : IRequest<Guid>, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Status).Must(s => s is CaseOutcome.Adopted or CaseOutcome.Piloting or CaseOutcome.Stopped)
                .WithMessage(l["Choose adopted, piloting or stopped."]);
            RuleFor(c => c.Effect).MaximumLength(2000);
            RuleFor(c => c.Reason).MaximumLength(2000)
                .NotEmpty().When(c => c.Status == CaseOutcome.Stopped).WithMessage(l["Say why it was stopped: that is what others learn from."]);
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var study = await db.Cases.Include(c => c.FollowUps).Include(c => c.Contributors).SingleAsync(c => c.Id == request.CaseId, cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var checkpoint = await DueCheckpointAsync(db, study, DateOnly.FromDateTime(now), cancellationToken);
            var followUp = new CaseFollowUp
            {
                CaseId = study.Id,
                Checkpoint = checkpoint,
                Status = request.Status,
                Effect = Infrastructure.TextInput.OrNull(request.Effect),
                Reason = request.Status == CaseOutcome.Stopped ? Infrastructure.TextInput.OrNull(request.Reason) : null,
                RecordedAt = now,
                RecordedBy = user.Name,
            };
            study.FollowUps.Add(followUp);
            if (study.Level == CaseLevel.Public)
            {
                CaseRules.RequireNoUnconsentedNames(study, typeof(Command), l, _ => request.Status == CaseOutcome.Stopped ? nameof(Command.Reason) : nameof(Command.Effect));
            }

            db.CaseFollowUps.Add(followUp);
            study.Outcome = request.Status;
            var organization = await db.Organizations.Where(o => o.Id == study.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
            CaseRules.Index(study, organization);
            await db.SaveChangesAsync(cancellationToken);
            return followUp.Id;
        }

        /// <summary>The earliest checkpoint of the programme that has come and is not answered yet; 0 when none is.</summary>
        private static async Task<int> DueCheckpointAsync(CohortDbContext db, CaseStudy study, DateOnly today, CancellationToken ct)
        {
            if (study.ShowcaseDate is not { } shown || study.ProgramId is not { } programId)
            {
                return 0;
            }

            var days = await db.Programs.Where(p => p.Id == programId).Select(p => p.CaseFollowUpDays).SingleAsync(ct);
            var answered = study.FollowUps.Select(f => f.Checkpoint).ToHashSet();
            return TrainingProgram.ParseFollowUpDays(days).Where(d => shown.AddDays(d) <= today && !answered.Contains(d)).DefaultIfEmpty(0).First();
        }
    }
}

/// <summary>An organiser sets when teams are asked what became of their prototype (days after the showcase).</summary>
public static class SetCaseFollowUpDays
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, string? Days) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Days).MaximumLength(100).Must(Valid).WithMessage(l["Give days after the showcase between 1 and 730, separated by commas (30,90)."]);

        private static bool Valid(string? text)
        {
            var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return parts.Length is >= 0 and <= 5 && parts.All(p => int.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var d) && d is >= 1 and <= 730);
        }
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            var days = (request.Days ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order();
            program.CaseFollowUpDays = string.Join(',', days);
            await db.SaveChangesAsync(cancellationToken);

            return Unit.Value;
        }
    }
}

/// <summary>
/// A programme's cases and what became of its prototypes: every team that presented, its case (if written) and the
/// latest follow-up; the adoption rate is adopted teams over teams that presented.
/// </summary>
public static class ProgramCases
{
    [ProgramAccess(ProgramPermission.Read)]
    public sealed record Query(Guid ProgramId) : IRequest<Result>, IProgramRequest;

    public sealed record Row(Guid TeamId, string TeamName, bool Presented, Guid? CaseId, string? CaseTitle, CaseLevel? Level, CaseLevel? Requested, CaseOutcome? Outcome,
        DateTime? LastFollowUp, IReadOnlyList<DateOnly> FollowUpsDue);

    /// <param name="Stopped">Stopped after the programme, or abandoned before a working prototype.</param>
    /// <param name="Unknown">Presented, but no follow-up says yet what became of it.</param>
    public sealed record Result(Guid ProgramId, string FollowUpDays, IReadOnlyList<Row> Teams, int Presented, int Adopted, int Piloting, int Stopped, int Unknown, double? AdoptionRate);

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.AsNoTracking().GetAsync(request.ProgramId, cancellationToken);
            var today = TeamHealth.Today(clock, program.TimeZone);
            var teams = await db.Teams.Where(t => t.ProgramId == program.Id).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
            var presented = await db.ShowcaseSlots.Where(s => s.TeamId != null && db.Showcases.Any(x => x.Id == s.ShowcaseId && x.ProgramId == program.Id && x.CancelledAt == null && x.Date <= today))
                .Select(s => s.TeamId!.Value).Distinct().ToListAsync(cancellationToken);
            var cases = await db.Cases.Where(c => c.ProgramId == program.Id).OrderBy(c => c.CreatedAt)
                .Select(c => new { c.Id, c.TeamId, c.Title, c.Level, c.RequestedLevel, c.Outcome, c.ShowcaseDate, Answered = c.FollowUps.Select(f => f.Checkpoint).ToList(), Last = c.FollowUps.Max(f => (DateTime?)f.RecordedAt) })
                .ToListAsync(cancellationToken);
            var checkpoints = program.FollowUpCheckpoints();
            var rows = new List<Row>();
            foreach (var team in teams)
            {
                var own = cases.Where(c => c.TeamId == team.Id).ToList();
                if (own.Count == 0)
                {
                    rows.Add(new Row(team.Id, team.Name, presented.Contains(team.Id), null, null, null, null, null, null, []));
                }

                foreach (var c in own)
                {
                    var due = c.ShowcaseDate is { } shown && c.Outcome != CaseOutcome.Abandoned
                        ? checkpoints.Select(d => shown.AddDays(d)).Where((day, i) => day <= today && !c.Answered.Contains(checkpoints[i])).ToList()
                        : [];
                    rows.Add(new Row(team.Id, team.Name, presented.Contains(team.Id), c.Id, c.Title, c.Level, c.RequestedLevel, c.Outcome, c.Last, due));
                }
            }

            // A team with several cases counts once, by its most advanced prototype.
            var status = rows.Where(r => r.Presented).GroupBy(r => r.TeamId)
                .Select(g => g.Select(r => r.Outcome).OrderBy(o => o switch { CaseOutcome.Adopted => 0, CaseOutcome.Piloting => 1, CaseOutcome.Stopped => 2, CaseOutcome.Abandoned => 3, _ => 4 }).First()).ToList();
            var adopted = status.Count(s => s == CaseOutcome.Adopted);
            return new Result(program.Id, program.CaseFollowUpDays, rows, status.Count, adopted, status.Count(s => s == CaseOutcome.Piloting),
                status.Count(s => s is CaseOutcome.Stopped or CaseOutcome.Abandoned), status.Count(s => s is null or CaseOutcome.Prototype),
                status.Count == 0 ? null : (double)adopted / status.Count);
        }
    }
}
