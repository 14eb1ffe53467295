using System.Globalization;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mail;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Nudges;

/// <summary>
/// Delivers the queued digest e-mails. Each row is claimed like a nudge; a transient SMTP failure is retried with
/// growing pauses, and after the last attempt (or a permanent refusal) the row is marked failed and shown to the
/// programme's organisers. A row is marked sent only after the server accepted the message; if the process dies in
/// between, the resend carries the same Message-ID.
/// </summary>
public sealed class MailOutbox(CohortDbContext db, IMailSender sender, MailTemplates templates, IConfiguration configuration, TimeProvider clock, ILogger<MailOutbox> log)
{
    public const int MaxAttempts = 5;

    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    private static readonly JsonStringLocalizer Texts = JsonStringLocalizer.Create();

    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid();
        var ids = await db.MailDeliveries.Where(m => m.State == MailState.Pending && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(200).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        await db.MailDeliveries.Where(m => ids.Contains(m.Id) && m.State == MailState.Pending && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedUntil, now + NudgeDispatcher.ClaimFor), ct);
        var claimed = await db.MailDeliveries.Where(m => m.ClaimToken == token && m.State == MailState.Pending).ToListAsync(ct);
        var sent = 0;
        foreach (var mail in claimed)
        {
            try
            {
                await sender.SendAsync(await ComposeAsync(mail, ct), ct);
                mail.State = MailState.Sent;
                mail.SentAt = clock.GetUtcNow().UtcDateTime;
                sent++;
            }
            catch (MailDeliveryException e)
            {
                mail.Attempts++;
                mail.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                if (!e.IsTransient || mail.Attempts >= MaxAttempts)
                {
                    mail.State = MailState.Failed;
                    log.LogWarning("Mail {MessageId} to {To} failed for good after {Attempts} attempts: {Error}", mail.MessageId, mail.ToAddress, mail.Attempts, e.Message);
                }
                else
                {
                    mail.NextAttemptAt = now + Backoff[Math.Min(mail.Attempts - 1, Backoff.Length - 1)];
                }
            }

            mail.ClaimToken = null;
            mail.ClaimedUntil = null;
            await db.SaveChangesAsync(ct);
        }

        return sent;
    }

    private async Task<OutgoingMail> ComposeAsync(MailDelivery mail, CancellationToken ct)
    {
        var nudgeIds = mail.NudgeIds.Split(',').Select(long.Parse).ToList();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == mail.UserId, ct);
        var notes = await db.Notifications.AsNoTracking().Where(n => nudgeIds.Contains(n.NudgeId)).OrderBy(n => n.SubjectDate).ToListAsync(ct);
        var appUrl = configuration["Cohort:PublicUrl"] ?? "http://localhost:5000";
        var showcases = await ShowcasesOfAsync(notes, ct);
        var culture = CultureInfo.GetCultureInfo(user.Language == "en" ? "en" : "ja");
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var items = notes.Select(n => new DigestMailItem(
                Texts[NudgeTexts.Message(n.Kind), n.SubjectTitle, Display.Date(n.SubjectDate)].Value,
                showcases.TryGetValue(n.NudgeId, out var showcase)
                    ? $"{showcase.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture)}–{showcase.EndTime.ToString("HH:mm", CultureInfo.InvariantCulture)}"
                    : null,
                appUrl.TrimEnd('/') + n.Link,
                showcase?.JoinUrl)).ToList();
            var rendered = templates.Render(DigestMail.TemplateName, culture.Name, new DigestMail(user.DisplayName, items, appUrl));
            return OutgoingMail.FromRendered(rendered, mail.ToAddress, user.DisplayName, mail.MessageId, culture.Name);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private sealed record ShowcaseTime(TimeOnly StartTime, TimeOnly EndTime, string? JoinUrl);

    /// <summary>
    /// The time and join link of the showcase each showcase reminder is about, as they are when the mail is written
    /// (the notification keeps the title and date only); no join link once the showcase is cancelled.
    /// </summary>
    private async Task<Dictionary<long, ShowcaseTime>> ShowcasesOfAsync(IReadOnlyCollection<Notification> notes, CancellationToken ct)
    {
        var reminders = notes.Where(n => Nudge.IsShowcaseReminder(n.Kind)).Select(n => n.NudgeId).ToList();
        if (reminders.Count == 0)
        {
            return [];
        }

        var rows = await db.Nudges.Where(n => reminders.Contains(n.Id))
            .Join(db.Showcases, n => n.SubjectId, s => s.Id, (n, s) => new { n.Id, s.StartTime, s.EndTime, s.MeetingJoinUrl, s.CancelledAt })
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => new ShowcaseTime(r.StartTime, r.EndTime, r.CancelledAt is null ? r.MeetingJoinUrl : null));
    }
}

/// <summary>E-mails that could not be delivered after every attempt, for the programme's organisers.</summary>
public static class FailedDeliveries
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Query(Guid ProgramId) : IRequest<IReadOnlyList<Item>>, IProgramRequest;

    public sealed record Item(long Id, string ToAddress, int Attempts, string? LastError, DateTime CreatedAt);

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken) =>
            await db.MailDeliveries.Where(m => m.ProgramId == request.ProgramId && m.State == MailState.Failed)
                .OrderByDescending(m => m.CreatedAt).Take(200)
                .Select(m => new Item(m.Id, m.ToAddress, m.Attempts, m.LastError, m.CreatedAt)).ToListAsync(cancellationToken);
    }
}
