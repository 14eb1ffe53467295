using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Nudges;

/// <summary>The caller's notification centre: newest first, with the unread count.</summary>
public static class MyNotifications
{
    [SignedIn]
    public sealed record Query(bool UnreadOnly = false, int Take = 100) : IRequest<Result>;

    public sealed record Item(long Id, NudgeKind Kind, string SubjectTitle, DateOnly SubjectDate, string Link, DateTime CreatedAt, bool Read);

    public sealed record Result(int Unread, IReadOnlyList<Item> Items);

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var mine = db.Notifications.Where(n => n.UserId == user.Id);
            var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
            var items = await mine.Where(n => !request.UnreadOnly || n.ReadAt == null)
                .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(Math.Clamp(request.Take, 1, 500))
                .Select(n => new Item(n.Id, n.Kind, n.SubjectTitle, n.SubjectDate, n.Link, n.CreatedAt, n.ReadAt != null))
                .ToListAsync(cancellationToken);
            return new Result(unread, items);
        }
    }
}

public static class MarkNotificationsRead
{
    /// <summary>Marks one notification, or all when <see cref="NotificationId"/> is null.</summary>
    [SignedIn]
    public sealed record Command(long? NotificationId) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.NotificationId).GreaterThan(0);
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user, TimeProvider clock) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var mine = db.Notifications.Where(n => n.UserId == user.Id && n.ReadAt == null);
            if (request.NotificationId is { } id)
            {
                if (!await db.Notifications.AnyAsync(n => n.Id == id && n.UserId == user.Id, cancellationToken))
                {
                    throw new NotFoundException("Notification");
                }

                mine = mine.Where(n => n.Id == id);
            }

            await mine.ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>The caller's language for mail and notifications, and the reminder kinds they do not want.</summary>
public static class SetNotificationPreferences
{
    [SignedIn]
    public sealed record Command(string Language, IReadOnlyList<NudgeKind>? MutedKinds) : IRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Language).Must(x => x is "ja" or "en").WithMessage(l["Choose Japanese or English."]);
            RuleForEach(c => c.MutedKinds).IsInEnum()
                .Must(k => !Nudge.IsEssential(k)).WithMessage(l["Overdue notices and escalations cannot be muted."]);
        }
    }

    public sealed class Handler(CohortDbContext db, CurrentUser user) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var me = await db.Users.SingleAsync(u => u.Id == user.Id, cancellationToken);
            me.Language = request.Language;
            me.MutedNudgeKinds = string.Join(',', (request.MutedKinds ?? []).Distinct().Order());
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
