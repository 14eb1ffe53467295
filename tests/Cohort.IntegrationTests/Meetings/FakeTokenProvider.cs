using Microsoft.Kiota.Abstractions.Authentication;

namespace Cohort.IntegrationTests.Meetings;

/// <summary>
/// Hands out a fixed token for the loopback fake, through the same bearer-token provider the production
/// credential uses. (Azure.Identity's provider only sends tokens to Graph's own hosts, so on a loopback URL it would
/// send no Authorization header at all.)
/// </summary>
public sealed class FakeTokenProvider(string token = FakeGraphServer.AccessToken) : IAccessTokenProvider
{
    public int Calls { get; private set; }

    public AllowedHostsValidator AllowedHostsValidator { get; } = new(["127.0.0.1"]);

    public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        Calls++;
        return Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : "");
    }

    public static IAuthenticationProvider Authentication(string token = FakeGraphServer.AccessToken) =>
        new BaseBearerTokenAuthenticationProvider(new FakeTokenProvider(token));
}
