using System.Net;
using Cohort.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.BrowserTests.Infrastructure;

/// <summary>
/// The app of the integration tests (SQLite file, fake clock, Hangfire server off), served by Kestrel on a free
/// loopback port, so a real browser can reach it.
/// </summary>
public sealed class BrowserApp : CohortApp
{
    public BrowserApp() => UseKestrel(o => o.Listen(IPAddress.Loopback, 0));

    protected override Database Kind => Database.Sqlite;

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public Uri BaseAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First());
        }
    }
}
