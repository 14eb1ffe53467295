using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Features.Nudges;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Pages.Profile;

[Authorize(Policy = Policies.SignedIn)]
public sealed class NotificationsModel(IMediator mediator, CohortDbContext db) : PageModel, IReloadOnError
{
    public MyNotifications.Result Data { get; private set; } = new(0, []);

    public string Language { get; private set; } = "ja";

    public IReadOnlySet<NudgeKind> Muted { get; private set; } = new HashSet<NudgeKind>();

    public Task OnGetAsync() => ReloadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostReadAsync(long notificationId)
    {
        await mediator.Send(new MarkNotificationsRead.Command(notificationId));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await mediator.Send(new MarkNotificationsRead.Command(null));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPreferencesAsync(string language, List<NudgeKind>? muted)
    {
        await mediator.Send(new SetNotificationPreferences.Command(language, muted ?? []));
        TempData["Flash"] = "✓";
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Data = await mediator.Send(new MyNotifications.Query(), cancellationToken);
        var me = await db.Users.AsNoTracking().SingleAsync(u => u.Id == User.UserId(), cancellationToken);
        Language = me.Language;
        Muted = Enum.GetValues<NudgeKind>().Where(me.Mutes).ToHashSet();
    }
}
