using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Showcases;

internal static class AgendaEdits
{
    public static async Task<Showcase> LoadAsync(CohortDbContext db, Guid programId, Guid showcaseId, CancellationToken ct)
    {
        var showcase = await db.Showcases.Include(s => s.Slots).Where(s => s.ProgramId == programId).GetAsync(showcaseId, ct);
        return showcase.IsCancelled ? throw new ConflictException("This showcase has been cancelled.") : showcase;
    }
}

/// <summary>Adds a team's presentation or a break at the end of the agenda.</summary>
public static class AddShowcaseSlot
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId, Guid? TeamId, string? Title, int Minutes, int QaMinutes) : IRequest<Guid>, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Title).MaximumLength(200)
                .NotEmpty().When(c => c.TeamId is null).WithMessage(l["Give the break a title."]);
            RuleFor(c => c.Minutes).InclusiveBetween(1, 180);
            RuleFor(c => c.QaMinutes).InclusiveBetween(0, 60);
        }
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await AgendaEdits.LoadAsync(db, request.ProgramId, request.ShowcaseId, cancellationToken);
            if (request.TeamId is { } teamId)
            {
                await db.Teams.Where(t => t.ProgramId == request.ProgramId).GetAsync(teamId, cancellationToken);
                if (showcase.Slots.Any(s => s.TeamId == teamId))
                {
                    throw new ConflictException("This team already has a slot.");
                }
            }

            var slot = new ShowcaseSlot
            {
                ShowcaseId = showcase.Id,
                Order = showcase.Slots.Count == 0 ? 1 : showcase.Slots.Max(s => s.Order) + 1,
                TeamId = request.TeamId,
                Title = TextInput.OrNull(request.Title),
                Minutes = request.Minutes,
                QaMinutes = request.TeamId is null ? 0 : request.QaMinutes,
                FeedbackKey = ShowcaseRules.NewKey(),
            };
            db.ShowcaseSlots.Add(slot);
            await db.SaveChangesAsync(cancellationToken);
            return slot.Id;
        }
    }
}

/// <summary>Changes a slot's length, Q&amp;A time or title.</summary>
public static class UpdateShowcaseSlot
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId, Guid SlotId, string? Title, int Minutes, int QaMinutes) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).MaximumLength(200);
            RuleFor(c => c.Minutes).InclusiveBetween(1, 180);
            RuleFor(c => c.QaMinutes).InclusiveBetween(0, 60);
        }
    }

    public sealed class Handler(CohortDbContext db, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await AgendaEdits.LoadAsync(db, request.ProgramId, request.ShowcaseId, cancellationToken);
            var slot = showcase.Slots.SingleOrDefault(s => s.Id == request.SlotId) ?? throw new NotFoundException("Slot");
            if (slot.IsBreak && string.IsNullOrWhiteSpace(request.Title))
            {
                throw new RequestValidationException(typeof(Command), [new FluentValidation.Results.ValidationFailure(nameof(Command.Title), l["Give the break a title."])]);
            }

            slot.Title = TextInput.OrNull(request.Title);
            slot.Minutes = request.Minutes;
            slot.QaMinutes = slot.IsBreak ? 0 : request.QaMinutes;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Moves a slot to a position in the agenda (1 = first); the times follow.</summary>
public static class MoveShowcaseSlot
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId, Guid SlotId, int Position) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Position).GreaterThanOrEqualTo(1);
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await AgendaEdits.LoadAsync(db, request.ProgramId, request.ShowcaseId, cancellationToken);
            var ordered = showcase.Slots.OrderBy(s => s.Order).ToList();
            var slot = ordered.SingleOrDefault(s => s.Id == request.SlotId) ?? throw new NotFoundException("Slot");
            ordered.Remove(slot);
            ordered.Insert(Math.Min(request.Position, ordered.Count + 1) - 1, slot);
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Order = i + 1;
            }

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

public static class RemoveShowcaseSlot
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId, Guid SlotId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.SlotId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await AgendaEdits.LoadAsync(db, request.ProgramId, request.ShowcaseId, cancellationToken);
            var slot = showcase.Slots.SingleOrDefault(s => s.Id == request.SlotId) ?? throw new NotFoundException("Slot");
            if (await db.AudienceFeedback.AnyAsync(f => f.SlotId == slot.Id, cancellationToken) || await db.JudgeScoreCards.AnyAsync(j => j.SlotId == slot.Id, cancellationToken))
            {
                throw new ConflictException("This slot already has feedback or scores; it cannot be removed.");
            }

            db.ShowcaseSlots.Remove(slot);
            showcase.Slots.Remove(slot);
            showcase.RenumberSlots();
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Makes a person with an account a judge (審査員) of the showcase; judges score privately.</summary>
public static class AddShowcaseJudge
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId, string Email) : IRequest<Guid>, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(254);
    }

    public sealed class Handler(CohortDbContext db, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await AgendaEdits.LoadAsync(db, request.ProgramId, request.ShowcaseId, cancellationToken);
            var email = request.Email.Trim().ToUpperInvariant();
            var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email, cancellationToken)
                ?? throw new RequestValidationException(typeof(Command), [new FluentValidation.Results.ValidationFailure(nameof(Command.Email),
                    l["No account uses this address. Invite the person to the organisation first."])]);
            var existing = await db.ShowcaseJudges.SingleOrDefaultAsync(j => j.ShowcaseId == showcase.Id && j.UserId == user.Id, cancellationToken);
            if (existing is not null)
            {
                return existing.Id;
            }

            var judge = new ShowcaseJudge { ShowcaseId = showcase.Id, UserId = user.Id };
            db.ShowcaseJudges.Add(judge);
            await db.SaveChangesAsync(cancellationToken);
            return judge.Id;
        }
    }
}

public static class RemoveShowcaseJudge
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId, Guid JudgeId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.JudgeId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await db.Showcases.Where(s => s.ProgramId == request.ProgramId).GetAsync(request.ShowcaseId, cancellationToken);
            var judge = await db.ShowcaseJudges.Where(j => j.ShowcaseId == showcase.Id).GetAsync(request.JudgeId, cancellationToken);
            if (await db.JudgeScoreCards.AnyAsync(c => c.ShowcaseId == showcase.Id && c.JudgeUserId == judge.UserId, cancellationToken))
            {
                throw new ConflictException("This judge has already scored; their scores stay with the results.");
            }

            db.ShowcaseJudges.Remove(judge);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
