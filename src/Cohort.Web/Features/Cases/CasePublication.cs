using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Cases;

internal static class Publication
{
    public static void Record(CohortDbContext db, CaseStudy study, CasePublicationAction action, CaseLevel to, string? note, CurrentUser user, DateTime now) =>
        db.CasePublicationSteps.Add(new CasePublicationStep
        {
            CaseId = study.Id, Action = action, From = study.Level, To = to, Note = Infrastructure.TextInput.OrNull(note), UserId = user.Id, UserName = user.Name, At = now,
        });

    /// <summary>A case goes up one step at a time: private → shared → public.</summary>
    public static void RequireNextStep(CaseStudy study, CaseLevel level)
    {
        if (level != study.Level + 1)
        {
            throw new ConflictException("A case goes up one step at a time: private, then shared, then public.");
        }
    }
}

/// <summary>The team asks for its case to be shared more widely; an organiser of the organisation decides.</summary>
public static class RequestCasePublication
{
    [CaseAccess(CasePermission.Contribute)]
    public sealed record Command(Guid CaseId, CaseLevel Level, string? Note) : IRequest, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Level).IsInEnum().NotEqual(CaseLevel.Private);
            RuleFor(c => c.Note).MaximumLength(1000);
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var study = await db.Cases.SingleAsync(c => c.Id == request.CaseId, cancellationToken);
            Publication.RequireNextStep(study, request.Level);
            if (study.RequestedLevel == request.Level)
            {
                return Unit.Value;
            }

            study.RequestedLevel = request.Level;
            study.RequestedByUserId = user.Id;
            Publication.Record(db, study, CasePublicationAction.Requested, request.Level, request.Note, user, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);

            return Unit.Value;
        }
    }
}

/// <summary>
/// An organiser of the owning organisation moves the case one step up (deciding a request, or on their own). Going
/// public is refused while the text names someone who has not consented to be named.
/// </summary>
public static class ApproveCasePublication
{
    [CaseAccess(CasePermission.Approve)]
    public sealed record Command(Guid CaseId, CaseLevel Level, string? Note) : IRequest, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Level).IsInEnum().NotEqual(CaseLevel.Private);
            RuleFor(c => c.Note).MaximumLength(1000);
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var study = await db.Cases.Include(c => c.Contributors).Include(c => c.FollowUps).SingleAsync(c => c.Id == request.CaseId, cancellationToken);
            Publication.RequireNextStep(study, request.Level);
            if (request.Level == CaseLevel.Public)
            {
                CaseRules.RequireNoUnconsentedNames(study, typeof(Command), l);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            Publication.Record(db, study, CasePublicationAction.Approved, request.Level, request.Note, user, now);
            study.Level = request.Level;
            study.RequestedLevel = null;
            study.RequestedByUserId = null;
            study.PublishedAt = now;
            await db.SaveChangesAsync(cancellationToken);

            return Unit.Value;
        }
    }
}

/// <summary>An organiser turns a request down, saying why; the case stays where it was.</summary>
public static class RejectCasePublication
{
    [CaseAccess(CasePermission.Approve)]
    public sealed record Command(Guid CaseId, string? Note) : IRequest, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Note).MaximumLength(1000);
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var study = await db.Cases.SingleAsync(c => c.Id == request.CaseId, cancellationToken);
            var asked = study.RequestedLevel ?? throw new ConflictException("Nobody has asked to publish this case.");
            Publication.Record(db, study, CasePublicationAction.Rejected, asked, request.Note, user, clock.GetUtcNow().UtcDateTime);
            study.RequestedLevel = null;
            study.RequestedByUserId = null;
            await db.SaveChangesAsync(cancellationToken);

            return Unit.Value;
        }
    }
}

/// <summary>The team or an organiser takes a case back to a narrower level, at once and without approval.</summary>
public static class WithdrawCase
{
    [CaseAccess(CasePermission.Contribute)]
    public sealed record Command(Guid CaseId, CaseLevel Level, string? Note) : IRequest, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Level).IsInEnum();
            RuleFor(c => c.Note).MaximumLength(1000);
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var study = await db.Cases.SingleAsync(c => c.Id == request.CaseId, cancellationToken);
            if (request.Level >= study.Level && study.RequestedLevel is null)
            {
                throw new ConflictException("The case is already at that level.");
            }

            var to = request.Level < study.Level ? request.Level : study.Level;
            Publication.Record(db, study, CasePublicationAction.Withdrawn, to, request.Note, user, clock.GetUtcNow().UtcDateTime);
            study.Level = to;
            study.RequestedLevel = null;
            study.RequestedByUserId = null;
            await db.SaveChangesAsync(cancellationToken);

            return Unit.Value;
        }
    }
}

/// <summary>
/// A person named in a case agrees (or no longer agrees) to their name on the public page; only they can. Taking it
/// back while the public text still names them takes the case off the public page at once.
/// </summary>
public static class SetCaseNameConsent
{
    [CaseAccess(CasePermission.Read)]
    public sealed record Command(Guid CaseId, bool Consent) : IRequest, ICaseRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.CaseId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var study = await db.Cases.Include(c => c.Contributors).Include(c => c.FollowUps).SingleAsync(c => c.Id == request.CaseId, cancellationToken);
            var mine = study.Contributors.Where(c => c.UserId != null && c.UserId == user.Id).ToList();
            if (mine.Count == 0)
            {
                throw new ForbiddenException("Only the person named can give or take back consent.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var person in mine)
            {
                person.PublicNameConsent = request.Consent;
                person.ConsentedAt = request.Consent ? now : null;
            }

            if (!request.Consent && study.Level == CaseLevel.Public && CaseRules.UnconsentedNames(study).Count > 0)
            {
                Publication.Record(db, study, CasePublicationAction.Withdrawn, CaseLevel.Shared, "consent withdrawn", user, now);
                study.Level = CaseLevel.Shared;
            }

            await db.SaveChangesAsync(cancellationToken);

            return Unit.Value;
        }
    }
}
