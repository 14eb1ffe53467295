using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.CheckIns;

public enum ItemDecision
{
    Close = 0,
    CarryOver = 1,
    Drop = 2,
}

/// <summary>
/// A mentor records a check-in. The feedback loop: every action item still open from before must be closed,
/// carried over to a new date or dropped with a reason in the same step, and new items can be raised.
/// </summary>
public static class RecordCheckIn
{
    public sealed record NewItem(string Title, Guid? OwnerParticipantId, DateOnly DueDate);

    public sealed record Decision(Guid ActionItemId, ItemDecision Outcome, string? Note, DateOnly? NewDueDate);

    [ProgramAccess(ProgramPermission.MentorTeam)]
    public sealed record Command(
        Guid ProgramId,
        Guid TeamId,
        DateOnly HeldOn,
        int DurationMinutes,
        CheckInFormat Format,
        string? Attendees,
        string? SharedNotes,
        string? PrivateNotes,
        HealthStatus Health,
        string? HealthReason,
        string? Blockers,
        IReadOnlyList<Decision>? Decisions,
        IReadOnlyList<NewItem>? NewItems) : IRequest<Guid>, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, TimeProvider clock, CohortDbContext db)
        {
            RuleFor(c => c.HeldOn).NotEmpty()
                .MustAsync(async (c, heldOn, ct) => heldOn <= await TodayAsync(db, clock, c.ProgramId, ct))
                .WithMessage(l["A check-in cannot be recorded for a future date."])
                .MustAsync(async (c, heldOn, ct) => heldOn >= (await db.Programs.Where(p => p.Id == c.ProgramId).Select(p => p.StartDate).SingleOrDefaultAsync(ct)).AddYears(-1))
                .WithMessage(l["The date is long before the programme started; check the year."]);
            RuleForEach(c => c.NewItems).NotNull();
            RuleForEach(c => c.Decisions).NotNull();
            RuleFor(c => c.Decisions).Must(d => d is null || d.Where(x => x is not null).Select(x => x.ActionItemId).Distinct().Count() == d.Count(x => x is not null))
                .WithMessage(l["Each action item can be decided only once."]);
            RuleFor(c => c.DurationMinutes).InclusiveBetween(5, 600);
            RuleFor(c => c.Format).IsInEnum();
            RuleFor(c => c.Health).IsInEnum();
            RuleFor(c => c.Attendees).MaximumLength(1000);
            RuleFor(c => c.SharedNotes).MaximumLength(4000);
            RuleFor(c => c.PrivateNotes).MaximumLength(4000);
            RuleFor(c => c.Blockers).MaximumLength(2000);
            RuleFor(c => c.HealthReason).MaximumLength(1000)
                .NotEmpty().When(c => c.Health != HealthStatus.OnTrack)
                .WithMessage(l["Say why the team is at risk or needs help."]);
            RuleFor(c => c).Must(c => !string.IsNullOrWhiteSpace(c.SharedNotes) || !string.IsNullOrWhiteSpace(c.PrivateNotes) || (c.NewItems?.Count ?? 0) > 0)
                .OverridePropertyName(nameof(Command.SharedNotes))
                .WithMessage(l["An empty check-in cannot be saved: write notes or add an action item."]);
            RuleForEach(c => c.NewItems).ChildRules(item =>
            {
                item.RuleFor(i => i.Title).NotEmpty().MaximumLength(300);
                item.RuleFor(i => i.DueDate).NotEmpty().LessThanOrEqualTo(Dates.Last);
            }).When(c => c.NewItems is null || c.NewItems.All(i => i is not null));
            RuleForEach(c => c.NewItems).MustAsync(async (c, item, ct) => item is null || item.DueDate >= await TodayAsync(db, clock, c.ProgramId, ct))
                .WithMessage(l["The due date of an action item cannot be in the past."]);
            RuleForEach(c => c.Decisions).ChildRules(d =>
            {
                d.RuleFor(x => x.NewDueDate).LessThanOrEqualTo(Dates.Last);
                d.RuleFor(x => x.Outcome).IsInEnum();
                d.RuleFor(x => x.Note).MaximumLength(1000)
                    .NotEmpty().When(x => x.Outcome == ItemDecision.Drop).WithMessage(l["Say why the item is dropped."]);
                d.RuleFor(x => x.NewDueDate).NotEmpty().When(x => x.Outcome == ItemDecision.CarryOver)
                    .WithMessage(l["A carried-over item needs a new due date."]);
            }).When(c => c.Decisions is null || c.Decisions.All(d => d is not null));
            RuleForEach(c => c.Decisions).MustAsync(async (c, d, ct) => d is null || d.Outcome != ItemDecision.CarryOver || d.NewDueDate is null || d.NewDueDate >= await TodayAsync(db, clock, c.ProgramId, ct))
                .WithMessage(l["The due date of an action item cannot be in the past."]);
        }
    }

    internal static async Task<DateOnly> TodayAsync(CohortDbContext db, TimeProvider clock, Guid programId, CancellationToken ct)
    {
        var zone = await db.Programs.Where(p => p.Id == programId).Select(p => p.TimeZone).SingleOrDefaultAsync(ct) ?? "Asia/Tokyo";
        return TeamHealth.Today(clock, zone);
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Include(t => t.Members).Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            var open = await db.ActionItems.Where(i => i.TeamId == team.Id && i.Status == ActionItemStatus.Open).ToListAsync(cancellationToken);
            var decisions = (request.Decisions ?? []).ToDictionary(d => d.ActionItemId);
            var failures = new List<ValidationFailure>();

            var undecided = open.Where(i => !decisions.ContainsKey(i.Id)).Select(i => i.Title).ToList();
            if (undecided.Count > 0)
            {
                failures.Add(new ValidationFailure(nameof(Command.Decisions), l["Decide what happens to every open action item: {0}", string.Join(", ", undecided)]));
            }

            if (decisions.Keys.Except(open.Select(i => i.Id)).Any())
            {
                failures.Add(new ValidationFailure(nameof(Command.Decisions), l["Some decisions are about action items that are not open for this team."]));
            }

            var members = team.Members.Select(m => m.Id).ToHashSet();
            foreach (var (item, index) in (request.NewItems ?? []).Select((x, i) => (x, i)))
            {
                if (item.OwnerParticipantId is { } owner && !members.Contains(owner))
                {
                    failures.Add(new ValidationFailure($"NewItems[{index}].OwnerParticipantId", l["The owner must be a member of this team (or leave it to the mentor)."]));
                }
            }

            if (failures.Count > 0)
            {
                throw new RequestValidationException(typeof(Command), failures);
            }

            var userId = user.Id!.Value;
            var mentorId = await db.Mentors.Where(m => m.UserId == userId).Select(m => (Guid?)m.Id).FirstOrDefaultAsync(cancellationToken);
            var checkIn = new CheckIn
            {
                ProgramId = team.ProgramId,
                TeamId = team.Id,
                MentorId = mentorId,
                RecordedByUserId = userId,
                HeldOn = request.HeldOn,
                DurationMinutes = request.DurationMinutes,
                Format = request.Format,
                Attendees = TextInput.OrNull(request.Attendees),
                SharedNotes = TextInput.OrNull(request.SharedNotes),
                PrivateNotes = TextInput.OrNull(request.PrivateNotes),
                Health = request.Health,
                HealthReason = TextInput.OrNull(request.HealthReason),
                Blockers = TextInput.OrNull(request.Blockers),
            };
            db.CheckIns.Add(checkIn);

            foreach (var item in open)
            {
                var decision = decisions[item.Id];
                switch (decision.Outcome)
                {
                    case ItemDecision.Close:
                        item.Close(TextInput.OrNull(decision.Note), checkIn.Id);
                        break;
                    case ItemDecision.CarryOver:
                        item.CarryOver(decision.NewDueDate!.Value);
                        break;
                    case ItemDecision.Drop:
                        item.Drop(decision.Note!.Trim(), checkIn.Id);
                        break;
                }
            }

            foreach (var item in request.NewItems ?? [])
            {
                db.ActionItems.Add(new ActionItem
                {
                    ProgramId = team.ProgramId,
                    TeamId = team.Id,
                    RaisedInCheckInId = checkIn.Id,
                    Title = item.Title.Trim(),
                    OwnerParticipantId = item.OwnerParticipantId,
                    DueDate = item.DueDate,
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            return checkIn.Id;
        }
    }
}

/// <summary>Corrects a check-in's record. Two mentors editing at once: the second gets a conflict.</summary>
public static class UpdateCheckIn
{
    [ProgramAccess(ProgramPermission.MentorTeam)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid CheckInId, int DurationMinutes, CheckInFormat Format, string? Attendees, string? SharedNotes, string? PrivateNotes, HealthStatus Health, string? HealthReason, string? Blockers, Guid Version) : IRequest, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.DurationMinutes).InclusiveBetween(5, 600);
            RuleFor(c => c.Format).IsInEnum();
            RuleFor(c => c.Health).IsInEnum();
            RuleFor(c => c.Attendees).MaximumLength(1000);
            RuleFor(c => c.SharedNotes).MaximumLength(4000);
            RuleFor(c => c.PrivateNotes).MaximumLength(4000);
            RuleFor(c => c.Blockers).MaximumLength(2000);
            RuleFor(c => c.HealthReason).MaximumLength(1000).NotEmpty().When(c => c.Health != HealthStatus.OnTrack)
                .WithMessage(l["Say why the team is at risk or needs help."]);
            RuleFor(c => c.Version).NotEmpty();
        }
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var checkIn = await db.CheckIns.Where(c => c.ProgramId == request.ProgramId && c.TeamId == request.TeamId).GetAsync(request.CheckInId, cancellationToken);
            db.ExpectVersion(checkIn, request.Version);
            checkIn.DurationMinutes = request.DurationMinutes;
            checkIn.Format = request.Format;
            checkIn.Attendees = TextInput.OrNull(request.Attendees);
            checkIn.SharedNotes = TextInput.OrNull(request.SharedNotes);
            checkIn.PrivateNotes = TextInput.OrNull(request.PrivateNotes);
            checkIn.Health = request.Health;
            checkIn.HealthReason = TextInput.OrNull(request.HealthReason);
            checkIn.Blockers = TextInput.OrNull(request.Blockers);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
