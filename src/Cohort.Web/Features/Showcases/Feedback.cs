using System.Security.Cryptography;
using System.Text;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Showcases;

public sealed record Rating(Guid CriterionId, int Score);

/// <summary>The criteria the audience and judges rate: the rubric of the programme's last stage that has one (the prototype stage).</summary>
public static class ShowcaseRubric
{
    public static async Task<List<RubricCriterion>> ForAsync(CohortDbContext db, Guid programId, CancellationToken ct)
    {
        var stage = await db.Stages.Where(s => s.ProgramId == programId && s.Rubric.Count > 0).OrderByDescending(s => s.Order)
            .Select(s => s.Id).FirstOrDefaultAsync(ct);
        return await db.RubricCriteria.Where(c => c.StageId == stage).OrderBy(c => c.Order).ToListAsync(ct);
    }

    /// <summary>Checks ratings against the rubric: known criteria, each once, each within its scale.</summary>
    public static List<ValidationFailure> Check(IReadOnlyList<Rating>? ratings, IReadOnlyList<RubricCriterion> rubric, IStringLocalizer<SharedResource> l)
    {
        var failures = new List<ValidationFailure>();
        var byId = rubric.ToDictionary(c => c.Id);
        foreach (var (rating, i) in (ratings ?? []).Select((r, i) => (r, i)))
        {
            if (!byId.TryGetValue(rating.CriterionId, out var criterion))
            {
                failures.Add(new ValidationFailure($"Ratings[{i}].CriterionId", l["This criterion is not part of the rubric."]));
            }
            else if (rating.Score < 1 || rating.Score > criterion.MaxScore)
            {
                failures.Add(new ValidationFailure($"Ratings[{i}].Score", l["Rate from 1 to {0}.", criterion.MaxScore]));
            }
        }

        if ((ratings ?? []).GroupBy(r => r.CriterionId).Any(g => g.Count() > 1))
        {
            failures.Add(new ValidationFailure("Ratings", l["Rate each criterion once."]));
        }

        return failures;
    }

    /// <summary>When the audience may give feedback: from the showcase's start until a week after its day.</summary>
    public static bool FeedbackOpen(Showcase showcase, string timeZone, DateTime utcNow) =>
        !showcase.IsCancelled && utcNow >= showcase.StartUtc(timeZone) && utcNow < Showcase.ToUtc(showcase.Date.AddDays(8).ToDateTime(TimeOnly.MinValue), timeZone);
}

/// <summary>
/// An audience member rates a slot and may leave a question or comment, without an account. One answer per device
/// and slot: the device is known by an anonymous random cookie, of which only a hash is kept; a second answer from
/// the same device replaces the first.
/// </summary>
public static class GiveAudienceFeedback
{
    [Anyone]
    public sealed record Command(string FeedbackKey, string DeviceId, IReadOnlyList<Rating>? Ratings, string? Comment) : IRequest<bool>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.FeedbackKey).NotEmpty().MaximumLength(64);
            RuleFor(c => c.DeviceId).NotEmpty().Length(16, 64);
            RuleFor(c => c.Comment).MaximumLength(1000);
            RuleFor(c => c).Must(c => (c.Ratings?.Count ?? 0) > 0 || !string.IsNullOrWhiteSpace(c.Comment))
                .WithName("Ratings").OverridePropertyName("Ratings").WithMessage(l["Give a rating or write a comment."]);
            RuleFor(c => c.Ratings).Must(r => r is null || r.Count <= 20);
        }
    }

    public sealed class Handler(CohortDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, bool>
    {
        /// <returns>True when this device had answered before and its answer was replaced.</returns>
        public async Task<bool> Handle(Command request, CancellationToken cancellationToken)
        {
            var slot = await db.ShowcaseSlots.SingleOrDefaultAsync(s => s.FeedbackKey == request.FeedbackKey, cancellationToken) ?? throw new NotFoundException("Feedback form");
            var showcase = await db.Showcases.SingleAsync(s => s.Id == slot.ShowcaseId, cancellationToken);
            var timeZone = await db.Programs.Where(p => p.Id == showcase.ProgramId).Select(p => p.TimeZone).SingleAsync(cancellationToken);
            if (slot.IsBreak || !ShowcaseRubric.FeedbackOpen(showcase, timeZone, clock.GetUtcNow().UtcDateTime))
            {
                throw new ConflictException("Feedback for this presentation is not open.");
            }

            var rubric = await ShowcaseRubric.ForAsync(db, showcase.ProgramId, cancellationToken);
            var failures = ShowcaseRubric.Check(request.Ratings, rubric, l);
            if (failures.Count > 0)
            {
                throw new RequestValidationException(typeof(Command), failures);
            }

            var hash = DeviceHash(request.DeviceId, slot.Id);
            var feedback = await db.AudienceFeedback.Include(f => f.Scores).SingleOrDefaultAsync(f => f.SlotId == slot.Id && f.DeviceHash == hash, cancellationToken);
            var replaced = feedback is not null;
            if (feedback is null)
            {
                feedback = new AudienceFeedback { ShowcaseId = showcase.Id, SlotId = slot.Id, DeviceHash = hash };
                db.AudienceFeedback.Add(feedback);
            }
            else
            {
                db.FeedbackScores.RemoveRange(feedback.Scores);
                feedback.Scores.Clear();
            }

            feedback.Comment = TextInput.OrNull(request.Comment);
            foreach (var rating in request.Ratings ?? [])
            {
                var score = new FeedbackScore { AudienceFeedbackId = feedback.Id, CriterionId = rating.CriterionId, Score = rating.Score };
                db.FeedbackScores.Add(score);
                feedback.Scores.Add(score);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (!replaced)
            {
                // The same device answered twice at once: the unique key kept one answer.
                throw new ConflictException("This device has just answered; reload the form to change the answer.");
            }

            return replaced;
        }

        /// <summary>Salted with the slot, so the same device cannot be followed from one slot to another.</summary>
        private static string DeviceHash(string deviceId, Guid slotId) =>
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{slotId:N}:{deviceId}")));
    }
}

/// <summary>An organiser hides an abusive audience comment (or shows it again); the ratings still count.</summary>
public static class HideAudienceFeedback
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId, Guid FeedbackId, bool Hidden) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.FeedbackId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await db.Showcases.Where(s => s.ProgramId == request.ProgramId).GetAsync(request.ShowcaseId, cancellationToken);
            var feedback = await db.AudienceFeedback.Where(f => f.ShowcaseId == showcase.Id).GetAsync(request.FeedbackId, cancellationToken);
            feedback.Hidden = request.Hidden;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>A judge scores a slot privately against the rubric, with a comment; scoring again replaces the card.</summary>
public static class ScoreShowcaseSlot
{
    [SignedIn]
    public sealed record Command(Guid ShowcaseId, Guid SlotId, IReadOnlyList<Rating>? Ratings, string? Comment) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        // Whether ratings are there is checked after the judge check, so a non-judge learns nothing about the showcase.
        public Validator() => RuleFor(c => c.Comment).MaximumLength(2000);
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var userId = user.Id!.Value;
            var showcase = await db.Showcases.SingleOrDefaultAsync(s => s.Id == request.ShowcaseId, cancellationToken) ?? throw new NotFoundException("Showcase");
            if (!await db.ShowcaseJudges.AnyAsync(j => j.ShowcaseId == showcase.Id && j.UserId == userId, cancellationToken))
            {
                // Not a judge: the showcase is as good as invisible.
                throw new NotFoundException("Showcase");
            }

            if (showcase.IsCancelled)
            {
                throw new ConflictException("This showcase has been cancelled.");
            }

            var slot = await db.ShowcaseSlots.Where(s => s.ShowcaseId == showcase.Id && s.TeamId != null).GetAsync(request.SlotId, cancellationToken);
            var failures = ShowcaseRubric.Check(request.Ratings, await ShowcaseRubric.ForAsync(db, showcase.ProgramId, cancellationToken), l);
            if (request.Ratings is null || request.Ratings.Count == 0)
            {
                failures.Add(new ValidationFailure(nameof(Command.Ratings), l["Rate at least one criterion."]));
            }

            if (failures.Count > 0)
            {
                throw new RequestValidationException(typeof(Command), failures);
            }

            var card = await db.JudgeScoreCards.Include(c => c.Scores).SingleOrDefaultAsync(c => c.SlotId == slot.Id && c.JudgeUserId == userId, cancellationToken);
            if (card is null)
            {
                card = new JudgeScoreCard { ShowcaseId = showcase.Id, SlotId = slot.Id, JudgeUserId = userId };
                db.JudgeScoreCards.Add(card);
            }
            else
            {
                db.FeedbackScores.RemoveRange(card.Scores);
                card.Scores.Clear();
            }

            card.Comment = TextInput.OrNull(request.Comment);
            foreach (var rating in request.Ratings!)
            {
                var score = new FeedbackScore { JudgeScoreCardId = card.Id, CriterionId = rating.CriterionId, Score = rating.Score };
                db.FeedbackScores.Add(score);
                card.Scores.Add(score);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Organisers publish (or withdraw) a results summary everyone in the programme can read.</summary>
public static class PublishShowcaseResults
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId, string? Summary, bool Publish) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(c => c.Summary).MaximumLength(8000).NotEmpty().When(c => c.Publish).WithMessage(l["Write the summary to publish."]);
    }

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await db.Showcases.Where(s => s.ProgramId == request.ProgramId).GetAsync(request.ShowcaseId, cancellationToken);
            showcase.ResultsSummary = TextInput.OrNull(request.Summary);
            showcase.ResultsPublishedAt = request.Publish ? clock.GetUtcNow().UtcDateTime : null;
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
