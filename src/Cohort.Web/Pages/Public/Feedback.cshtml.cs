using System.Security.Cryptography;
using Cohort.Web.Features.Showcases;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Pages.Public;

/// <summary>
/// The audience's feedback form for one presentation, reached by its link or QR code, no account needed. The device
/// is recognised by an anonymous random cookie, so it answers once per presentation (answering again replaces it).
/// </summary>
[AllowAnonymous]
public sealed class FeedbackModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel, IReloadOnError
{
    public const string DeviceCookie = "cohort_device";

    public sealed class RatingInput
    {
        public Guid CriterionId { get; set; }

        public int? Score { get; set; }
    }

    public sealed class FeedbackInput
    {
        public List<RatingInput> Ratings { get; set; } = [];

        public string? Comment { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    [BindProperty]
    public FeedbackInput Input { get; set; } = new();

    public FeedbackForm.Result Form { get; private set; } = default!;

    public bool Sent { get; private set; }

    public async Task OnGetAsync(bool sent = false)
    {
        Sent = sent;
        await ReloadAsync(HttpContext.RequestAborted);
        Input.Ratings = Form.Criteria.Select(c => new RatingInput { CriterionId = c.Id }).ToList();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var replaced = await mediator.Send(new GiveAudienceFeedback.Command(Key, DeviceId(),
            Input.Ratings.Where(r => r.Score is not null).Select(r => new Rating(r.CriterionId, r.Score!.Value)).ToList(), Input.Comment));
        TempData["Flash"] = (replaced ? l["Thank you! Your earlier answer was replaced."] : l["Thank you for your feedback!"]).Value;
        return Redirect($"/f/{Uri.EscapeDataString(Key)}?sent=true");
    }

    public async Task ReloadAsync(CancellationToken cancellationToken) =>
        Form = await mediator.Send(new FeedbackForm.Query(Key), cancellationToken);

    /// <summary>The anonymous device id from its cookie, created on first use. It identifies nothing but the browser.</summary>
    private string DeviceId()
    {
        if (Request.Cookies.TryGetValue(DeviceCookie, out var id) && id.Length is >= 16 and <= 64 && id.All(char.IsAsciiHexDigit))
        {
            return id;
        }

        id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Response.Cookies.Append(DeviceCookie, id, new CookieOptions
        {
            HttpOnly = true,
            Secure = Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
        return id;
    }
}
