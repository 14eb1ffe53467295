using System.Security.Cryptography;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Meetings;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Showcases;

/// <summary>What an organiser fills in for a showcase day; shared by schedule and update.</summary>
public interface IShowcaseFields
{
    string Title { get; }

    string? Description { get; }

    DateOnly Date { get; }

    TimeOnly StartTime { get; }

    TimeOnly EndTime { get; }

    ShowcaseFormat Format { get; }

    string? Venues { get; }

    bool InviteParticipants { get; }

    bool InviteMentors { get; }

    bool InviteOrganizers { get; }

    string? GuestEmails { get; }

    string? MeetingJoinUrl { get; }
}

internal static class ShowcaseRules
{
    public const int MaxGuests = 200;

    public static void Apply<T>(AbstractValidator<T> v, IStringLocalizer<SharedResource> l)
        where T : IShowcaseFields
    {
        v.RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        v.RuleFor(c => c.Description).MaximumLength(4000);
        v.RuleFor(c => c.Date).NotEmpty();
        v.RuleFor(c => c.EndTime).GreaterThan(c => c.StartTime).WithMessage(l["The end time must be after the start time."]);
        v.RuleFor(c => c.Format).IsInEnum();
        v.RuleFor(c => c.Venues).MaximumLength(1000)
            .NotEmpty().When(c => c.Format is ShowcaseFormat.OnSite or ShowcaseFormat.Hybrid).WithMessage(l["Name at least one venue for an on-site or hybrid showcase."]);
        v.RuleFor(c => c.GuestEmails).MaximumLength(4000)
            .Must(text => Showcase.SplitLines(text).All(IsEmail)).WithMessage(l["Put one e-mail address per line."])
            .Must(text => Showcase.SplitLines(text).Length <= MaxGuests).WithMessage(l["At most 200 guests."]);
        v.RuleFor(c => c.MeetingJoinUrl).MaximumLength(2000)
            .Must(u => u is null || u.Length == 0 || (Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == "https"))
            .WithMessage(l["The meeting link must be a web address starting with https://"]);
    }

    public static bool IsEmail(string text) =>
        System.Net.Mail.MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.', StringComparison.Ordinal);

    public static string? NormalizeGuests(string? text)
    {
        var list = Showcase.SplitLines(text).Select(x => x.ToLowerInvariant()).Distinct().ToList();
        return list.Count == 0 ? null : string.Join('\n', list);
    }

    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Whether the app runs this showcase's online meeting through the meeting service: only when the service is
    /// configured, the showcase is (partly) online and nobody pasted a link by hand.
    /// </summary>
    public static bool Managed(Showcase s, IOnlineMeetingService meetings) =>
        meetings.IsConfigured && s.UsesOnlineMeeting && (s.MeetingEventId is not null || string.IsNullOrEmpty(s.MeetingJoinUrl) || s.MeetingState != MeetingState.Manual);
}

/// <summary>An organiser schedules a showcase day; every team gets a slot in name order, which the organiser can rearrange.</summary>
public static class ScheduleShowcase
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, string Title, string? Description, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime, ShowcaseFormat Format,
        string? Venues, string? GuestEmails, string? MeetingJoinUrl, bool InviteParticipants = true, bool InviteMentors = true, bool InviteOrganizers = true,
        int SlotMinutes = 10, int QaMinutes = 5) : IRequest<Guid>, IProgramRequest, IShowcaseFields;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            ShowcaseRules.Apply(this, l);
            RuleFor(c => c.SlotMinutes).InclusiveBetween(1, 120);
            RuleFor(c => c.QaMinutes).InclusiveBetween(0, 60);
        }
    }

    public sealed class Handler(CohortDbContext db, IOnlineMeetingService meetings, MeetingSyncTrigger trigger) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            var showcase = new Showcase { ProgramId = program.Id, Title = request.Title.Trim(), PublicKey = ShowcaseRules.NewKey() };
            ShowcaseEdits.Apply(showcase, request);
            var teams = await db.Teams.Where(t => t.ProgramId == program.Id).OrderBy(t => t.Name).Select(t => t.Id).ToListAsync(cancellationToken);
            var order = 1;
            foreach (var teamId in teams)
            {
                showcase.Slots.Add(new ShowcaseSlot { ShowcaseId = showcase.Id, Order = order++, TeamId = teamId, Minutes = request.SlotMinutes, QaMinutes = request.QaMinutes, FeedbackKey = ShowcaseRules.NewKey() });
            }

            showcase.MeetingState = MeetingState.Manual;
            if (ShowcaseRules.Managed(showcase, meetings))
            {
                showcase.MeetingState = MeetingState.Pending;
                showcase.MeetingRevision = 1;
            }

            db.Showcases.Add(showcase);
            await db.SaveChangesAsync(cancellationToken);
            trigger.SyncSoon(showcase);
            return showcase.Id;
        }
    }
}

internal static class ShowcaseEdits
{
    public static void Apply(Showcase showcase, IShowcaseFields fields)
    {
        showcase.Title = fields.Title.Trim();
        showcase.Description = TextInput.OrNull(fields.Description);
        showcase.Date = fields.Date;
        showcase.StartTime = fields.StartTime;
        showcase.EndTime = fields.EndTime;
        showcase.Format = fields.Format;
        showcase.Venues = fields.Format == ShowcaseFormat.Online ? null : TextInput.OrNull(fields.Venues);
        showcase.InviteParticipants = fields.InviteParticipants;
        showcase.InviteMentors = fields.InviteMentors;
        showcase.InviteOrganizers = fields.InviteOrganizers;
        showcase.GuestEmails = ShowcaseRules.NormalizeGuests(fields.GuestEmails);
        if (showcase.MeetingEventId is null)
        {
            // A link pasted by hand; once the app created a meeting, the link is the meeting's.
            showcase.MeetingJoinUrl = TextInput.OrNull(fields.MeetingJoinUrl);
        }
    }

    /// <summary>What the calendar event carries; a change to any of it means the event must be updated.</summary>
    public static string EventShape(Showcase s) =>
        string.Join('|', s.Title, s.Description, s.Date, s.StartTime, s.EndTime, s.Format, s.Venues, s.InviteParticipants, s.InviteMentors, s.InviteOrganizers, s.GuestEmails);
}

/// <summary>Changes the time, format, venues or invitees; a managed meeting is updated to match (attendees get the update).</summary>
public static class UpdateShowcase
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId, Guid Version, string Title, string? Description, DateOnly Date, TimeOnly StartTime, TimeOnly EndTime,
        ShowcaseFormat Format, string? Venues, string? GuestEmails, string? MeetingJoinUrl, bool InviteParticipants = true, bool InviteMentors = true,
        bool InviteOrganizers = true) : IRequest, IProgramRequest, IShowcaseFields;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Version).NotEmpty();
            ShowcaseRules.Apply(this, l);
        }
    }

    public sealed class Handler(CohortDbContext db, IOnlineMeetingService meetings, MeetingSyncTrigger trigger) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await db.Showcases.Where(s => s.ProgramId == request.ProgramId).GetAsync(request.ShowcaseId, cancellationToken);
            if (showcase.IsCancelled)
            {
                throw new ConflictException("This showcase has been cancelled.");
            }

            db.ExpectVersion(showcase, request.Version);
            var before = ShowcaseEdits.EventShape(showcase);
            ShowcaseEdits.Apply(showcase, request);
            var managed = ShowcaseRules.Managed(showcase, meetings);
            if (managed && (before != ShowcaseEdits.EventShape(showcase) || showcase.MeetingEventId is null))
            {
                showcase.MeetingRevision++;
                showcase.MeetingState = MeetingState.Pending;
                showcase.MeetingAttempts = 0;
                showcase.MeetingError = null;
            }
            else if (!managed && showcase.MeetingEventId is not null)
            {
                // No longer online: the event is cancelled by the sync.
                showcase.MeetingRevision++;
                showcase.MeetingState = MeetingState.Pending;
            }

            await db.SaveChangesAsync(cancellationToken);
            trigger.SyncSoon(showcase);
            return Unit.Value;
        }
    }
}

/// <summary>Cancels the showcase; its meeting is cancelled with the reason as the message to attendees.</summary>
public static class CancelShowcase
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId, string Reason) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
    }

    public sealed class Handler(CohortDbContext db, TimeProvider clock, MeetingSyncTrigger trigger) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await db.Showcases.Where(s => s.ProgramId == request.ProgramId).GetAsync(request.ShowcaseId, cancellationToken);
            if (showcase.IsCancelled)
            {
                return Unit.Value;
            }

            showcase.CancelledAt = clock.GetUtcNow().UtcDateTime;
            showcase.CancelReason = request.Reason.Trim();
            if (showcase.MeetingEventId is not null || showcase.MeetingState is MeetingState.Pending or MeetingState.Retrying)
            {
                showcase.MeetingRevision++;
                showcase.MeetingState = MeetingState.Pending;
                showcase.MeetingAttempts = 0;
            }
            else
            {
                showcase.MeetingState = showcase.MeetingState == MeetingState.Manual ? MeetingState.Manual : MeetingState.Cancelled;
            }

            await db.SaveChangesAsync(cancellationToken);
            trigger.SyncSoon(showcase);
            return Unit.Value;
        }
    }
}

/// <summary>After a failure, the organiser asks for the meeting to be tried again now.</summary>
public static class RetryShowcaseMeeting
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid ShowcaseId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.ShowcaseId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db, IOnlineMeetingService meetings, MeetingSyncTrigger trigger) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var showcase = await db.Showcases.Where(s => s.ProgramId == request.ProgramId).GetAsync(request.ShowcaseId, cancellationToken);
            if (showcase.MeetingState is not (MeetingState.Failed or MeetingState.Retrying) || !meetings.IsConfigured)
            {
                throw new ConflictException("There is no failed meeting to try again.");
            }

            showcase.MeetingState = MeetingState.Pending;
            showcase.MeetingAttempts = 0;
            showcase.MeetingNextAttemptAt = null;
            await db.SaveChangesAsync(cancellationToken);
            trigger.SyncSoon(showcase);
            return Unit.Value;
        }
    }
}
