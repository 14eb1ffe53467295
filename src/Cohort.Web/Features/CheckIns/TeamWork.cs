using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.CheckIns;

/// <summary>A team member marks an action item done between check-ins; the mentor confirms at the next one.</summary>
public static class CompleteActionItem
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid ActionItemId, string? Comment, string? EvidenceUrl) : IRequest, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Comment).MaximumLength(1000);
            RuleFor(c => c.EvidenceUrl).MaximumLength(1000)
                .Must(u => u is null || u.Length == 0 || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
                .WithMessage(l["Enter a web address starting with https://"]);
        }
    }

    public sealed class Handler(CohortDbContext db, TimeProvider clock) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var item = await db.ActionItems.Where(i => i.ProgramId == request.ProgramId && i.TeamId == request.TeamId).GetAsync(request.ActionItemId, cancellationToken);
            if (item.Status != ActionItemStatus.Open)
            {
                throw new ConflictException("This action item is already closed.");
            }

            item.CompletionComment = TextInput.OrNull(request.Comment);
            item.EvidenceUrl = TextInput.OrNull(request.EvidenceUrl);
            item.CompletedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>A team member (or mentor) answers the shared notes of a check-in.</summary>
public static class ReplyToCheckIn
{
    [ProgramAccess(ProgramPermission.TeamWork)]
    public sealed record Command(Guid ProgramId, Guid TeamId, Guid CheckInId, string Text) : IRequest<Guid>, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Text).NotEmpty().MaximumLength(2000);
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var checkIn = await db.CheckIns.Where(c => c.ProgramId == request.ProgramId && c.TeamId == request.TeamId).GetAsync(request.CheckInId, cancellationToken);
            // Shown to the team: the person's name, never their account (e-mail) name.
            var author = await db.Users.Where(u => u.Id == user.Id).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            var reply = new CheckInReply { CheckInId = checkIn.Id, AuthorUserId = user.Id!.Value, AuthorName = author, Text = request.Text.Trim() };
            db.CheckInReplies.Add(reply);
            await db.SaveChangesAsync(cancellationToken);
            return reply.Id;
        }
    }
}

/// <summary>Sets how often a team should meet its mentor; null goes back to the programme's cadence.</summary>
public static class SetTeamCadence
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid TeamId, int? CheckInCadenceWorkingDays) : IRequest, ITeamRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.CheckInCadenceWorkingDays).InclusiveBetween(1, 60);
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var team = await db.Teams.Where(t => t.ProgramId == request.ProgramId).GetAsync(request.TeamId, cancellationToken);
            team.CheckInCadenceWorkingDays = request.CheckInCadenceWorkingDays;
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
