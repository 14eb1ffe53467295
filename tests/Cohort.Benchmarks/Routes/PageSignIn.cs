using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace Cohort.Benchmarks.Routes;

/// <summary>
/// Signs a user in through the app's own login form, as a browser does: GET /Account/Login (the antiforgery cookie
/// and the form's hidden token), then POST the e-mail, password and token; the answer is a redirect with the
/// <c>cohort.auth</c> cookie. Returns the Cookie header (antiforgery and auth cookies) that the page requests then send,
/// so each page request looks like a browser's next request: the benchmark's client keeps no cookies and follows no
/// redirects, so a page that sends the request back to the login form counts as an error instead of a fast 200.
/// </summary>
internal static partial class PageSignIn
{
    public const string AuthCookie = "cohort.auth";

    public static async Task<string> SignInAsync(HttpClient client, string email, string password)
    {
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        using var form = await client.GetAsync("/Account/Login");
        form.EnsureSuccessStatusCode();
        Keep(form, cookies);
        var html = await form.Content.ReadAsStringAsync();
        var token = TokenInput().Match(html) is { Success: true } input && TokenValue().Match(input.Value) is { Success: true } value
            ? WebUtility.HtmlDecode(value.Groups[1].Value)
            : throw new InvalidOperationException("The login form has no antiforgery token.");

        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", Header(cookies));
        using var signedIn = await client.SendAsync(post);
        Keep(signedIn, cookies);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || !cookies.ContainsKey(AuthCookie))
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)signedIn.StatusCode} without the {AuthCookie} cookie (wrong password, or the form changed?).");
        }

        return Header(cookies);
    }

    private static void Keep(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                var pair = value.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    cookies[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
                }
            }
        }
    }

    private static string Header(Dictionary<string, string> cookies) => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex TokenInput();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex TokenValue();
}
