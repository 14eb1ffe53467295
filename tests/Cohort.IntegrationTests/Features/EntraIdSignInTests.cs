using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>The app with Entra ID sign-in pointed at a <see cref="FakeOpenIdProvider"/> on a loopback port.</summary>
public sealed class EntraIdApp : CohortApp, IAsyncLifetime
{
    public const string TenantId = "3f2a8c1e-5b7d-4e9f-a1c2-d3e4f5a6b7c8";

    public FakeOpenIdProvider Provider { get; private set; } = null!;

    protected override Database Kind => Database.Sqlite;

    async Task IAsyncLifetime.InitializeAsync()
    {
        // The provider's port must be known before the app's host is built.
        Provider = await FakeOpenIdProvider.StartAsync();
        await base.InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Cohort:EntraId:TenantId", TenantId);
        builder.UseSetting("Cohort:EntraId:ClientId", FakeOpenIdProvider.ClientId);
        builder.UseSetting("Cohort:EntraId:ClientSecret", FakeOpenIdProvider.ClientSecret);
        builder.UseSetting("Cohort:EntraId:Authority", Provider.Authority);

        // Correlation and nonce cookies carry expiry dates that the test's cookie container judges by the real
        // clock, and the fake provider signs with the real clock: the app must use it too, not the fake one.
        builder.ConfigureTestServices(services => services.AddSingleton(TimeProvider.System));
    }
}

/// <summary>
/// The whole Entra ID sign-in over HTTP with the real OpenID Connect handler: login page → provider's /authorize →
/// /signin-oidc (correlation and nonce cookies) → token request over a real socket → /Account/ExternalCallback.
/// </summary>
public sealed class EntraIdSignInTests(EntraIdApp app) : IClassFixture<EntraIdApp>
{
    private const string NotRegisteredEn = "Your account is not registered in Cohort. Ask your programme office for an invitation.";
    private const string NotRegisteredJa = "お使いのアカウントは Cohort に登録されていません。研修事務局に招待を依頼してください。";

    [Fact]
    public async Task A_registered_user_signs_in_and_stays_linked_when_the_address_changes_at_the_provider()
    {
        var email = NewAddress("Hanako.Sato");
        var user = await app.UserAsync(email);
        var person = new FakeUser(Guid.NewGuid().ToString(), EntraIdApp.TenantId, email.ToLowerInvariant(), "佐藤 花子");

        var first = await SignInAsync(app, person);

        Assert.Equal("/", first.FinalPath);
        Assert.Equal(HttpStatusCode.OK, first.Final.StatusCode);
        Assert.True(first.SetApplicationCookie);
        Assert.Contains(email, await first.Final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var authorize = app.Provider.LastAuthorizeRequest;
        Assert.Equal("code", authorize["response_type"]);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.Equal("openid profile email", authorize["scope"]);
        Assert.Equal("https://localhost/signin-oidc", authorize["redirect_uri"]);
        Assert.Equal("secret", app.Provider.LastClientAuthentication);
        Assert.Contains(await LoginsAsync(user), l => l.LoginProvider == "EntraId" && l.ProviderKey == $"{person.Tid}:{person.Oid}");

        // Renamed at the provider: the linked oid+tid still finds the account, and a local return URL is honoured.
        var second = await SignInAsync(app, person with { Email = NewAddress("h.sato") }, returnUrl: "/Profile/Tokens");

        Assert.Equal("/Profile/Tokens", second.FinalPath);
        Assert.Equal(HttpStatusCode.OK, second.Final.StatusCode);
        Assert.Contains(email, await second.Final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await LoginsAsync(user));
    }

    [Fact]
    public async Task Someone_without_a_Cohort_account_is_refused_with_the_not_registered_page()
    {
        var stranger = new FakeUser(Guid.NewGuid().ToString(), EntraIdApp.TenantId, NewAddress("stranger"), "Stranger");

        var japanese = await SignInAsync(app, stranger);
        var english = await SignInAsync(app, stranger with { Oid = Guid.NewGuid().ToString() }, culture: "en");

        Assert.Equal(HttpStatusCode.Forbidden, japanese.Final.StatusCode);
        Assert.Contains(NotRegisteredJa, await japanese.Final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, english.Final.StatusCode);
        Assert.Contains(NotRegisteredEn, await english.Final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNotSignedInAsync(japanese);
        await AssertNotSignedInAsync(english);
        var normalized = stranger.Email!.ToUpperInvariant();
        Assert.False(await app.QueryDbAsync(db => db.Users.AnyAsync(u => u.NormalizedEmail == normalized)));
    }

    [Fact]
    public async Task Someone_with_an_open_invitation_gets_an_account_and_can_then_accept_it()
    {
        var program = await Seed.ProgramAsync(app);
        var email = NewAddress("invited").ToLowerInvariant();
        var link = await app.SendAsync(new Cohort.Web.Features.People.InviteToProgram.Command(program.Id, email, InvitedRole.Observer, null, 7));
        var person = new FakeUser(Guid.NewGuid().ToString(), EntraIdApp.TenantId, email, "招待 された人");

        var journey = await SignInAsync(app, person, returnUrl: link.Path);

        Assert.Equal(link.Path, journey.FinalPath);
        Assert.True(journey.SetApplicationCookie);
        await app.SendAsAsync(email, new Cohort.Web.Features.People.AcceptInvitation.Command(link.Token));
        Assert.Equal(program.Id, (await app.SendAsAsync(email, new Cohort.Web.Features.Programs.ProgramOverview.Query(program.Id))).Id);
    }

    [Fact]
    public async Task A_token_from_another_tenant_is_refused_even_for_a_registered_address()
    {
        var email = NewAddress("visitor");
        var user = await app.UserAsync(email);
        var fromElsewhere = new FakeUser(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), email, "Visitor");

        var journey = await SignInAsync(app, fromElsewhere, culture: "en");

        Assert.Equal(HttpStatusCode.Forbidden, journey.Final.StatusCode);
        Assert.Contains("Accounts from your organisation cannot sign in to this Cohort.", await journey.Final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNotSignedInAsync(journey);
        Assert.Empty(await LoginsAsync(user));
    }

    [Fact]
    public async Task A_wrong_client_secret_at_the_token_endpoint_means_no_sign_in()
    {
        var email = NewAddress("secret");
        await app.UserAsync(email);
        var errorsBefore = app.Provider.TokenErrors.Count;
        app.Provider.ExpectedClientSecret = "the-secret-was-rotated";
        Journey journey;
        try
        {
            journey = await SignInAsync(app, new FakeUser(Guid.NewGuid().ToString(), EntraIdApp.TenantId, email, "Secret"), culture: "en");
        }
        finally
        {
            app.Provider.ExpectedClientSecret = FakeOpenIdProvider.ClientSecret;
        }

        Assert.Equal("/Account/ExternalCallback", journey.FinalPath);
        Assert.Equal(HttpStatusCode.BadRequest, journey.Final.StatusCode);
        Assert.Contains("Sign-in with Microsoft Entra ID did not complete.", await journey.Final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("invalid_client", app.Provider.TokenErrors.Skip(errorsBefore).Single(), StringComparison.Ordinal);
        await AssertNotSignedInAsync(journey);
    }

    [Fact]
    public async Task The_sign_in_page_offers_Entra_ID_only_when_it_is_configured()
    {
        var configured = await app.CreateClient().GetStringAsync("/Account/Login?culture=en");
        Assert.Contains("Sign in with Microsoft Entra ID", configured, StringComparison.Ordinal);
        Assert.Contains("handler=EntraId", configured, StringComparison.Ordinal);
        Assert.Contains("Input.Password", configured, StringComparison.Ordinal);
        Assert.True(configured.IndexOf("handler=EntraId", StringComparison.Ordinal) < configured.IndexOf("Input.Password", StringComparison.Ordinal));
        Assert.Contains("Microsoft Entra ID でサインイン", await app.CreateClient().GetStringAsync("/Account/Login"), StringComparison.Ordinal);

        await using var named = app.WithWebHostBuilder(b => b.UseSetting("Cohort:EntraId:DisplayName", "○○市 職員アカウント"));
        Assert.Contains("○○市 職員アカウント でサインイン", await named.CreateClient().GetStringAsync("/Account/Login"), StringComparison.Ordinal);

        await using var plain = app.WithWebHostBuilder(b => b.UseSetting("Cohort:EntraId:ClientId", ""));
        var client = plain.CreateClient(new() { AllowAutoRedirect = false });
        var local = await client.GetStringAsync("/Account/Login?culture=en");
        Assert.DoesNotContain("Entra", local, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=EntraId", local, StringComparison.Ordinal);
        Assert.Contains("Input.Password", local, StringComparison.Ordinal);
        var challenge = await CohortApp.PostFormAsync(client, "/Account/Login", [], handler: "EntraId");
        Assert.Equal(HttpStatusCode.NotFound, challenge.StatusCode);
    }

    [Fact]
    public async Task A_locked_out_user_cannot_enter_through_Entra_ID()
    {
        var email = NewAddress("locked");
        var user = await app.UserAsync(email);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id.ToString()))!, DateTimeOffset.UtcNow.AddDays(1));
        }

        var journey = await SignInAsync(app, new FakeUser(Guid.NewGuid().ToString(), EntraIdApp.TenantId, email, "Locked"), culture: "en");

        Assert.Equal(HttpStatusCode.Forbidden, journey.Final.StatusCode);
        Assert.Contains("Your account is locked.", await journey.Final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNotSignedInAsync(journey);
    }

    [Fact]
    public async Task An_account_linked_to_one_Entra_identity_is_not_handed_to_another_with_the_same_address()
    {
        var email = NewAddress("kikaku");
        await app.UserAsync(email);
        var predecessor = new FakeUser(Guid.NewGuid().ToString(), EntraIdApp.TenantId, email, "前任者");
        Assert.Equal("/", (await SignInAsync(app, predecessor)).FinalPath);

        // The address now belongs to a successor with a new object id.
        var journey = await SignInAsync(app, predecessor with { Oid = Guid.NewGuid().ToString(), Name = "後任者" }, culture: "en");

        Assert.Equal(HttpStatusCode.Forbidden, journey.Final.StatusCode);
        Assert.Contains(NotRegisteredEn, await journey.Final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNotSignedInAsync(journey);
    }

    [Fact]
    public async Task With_organizations_any_tenant_may_enter_but_an_address_counts_only_when_its_domain_owner_is_verified()
    {
        var email = NewAddress("partner");
        await app.UserAsync(email);
        await using var multiTenant = app.WithWebHostBuilder(b => b.UseSetting("Cohort:EntraId:TenantId", "organizations"));
        var person = new FakeUser(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), email, "Partner");

        var unverified = await SignInAsync(multiTenant, person, culture: "en");
        var verified = await SignInAsync(multiTenant, person with { ExtraClaims = new Dictionary<string, object> { ["xms_edov"] = true } });

        Assert.Equal(HttpStatusCode.Forbidden, unverified.Final.StatusCode);
        Assert.Contains(NotRegisteredEn, await unverified.Final.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("/", verified.FinalPath);
        Assert.True(verified.SetApplicationCookie);
    }

    [Fact]
    public async Task The_app_can_authenticate_to_the_token_endpoint_with_a_certificate_instead_of_a_secret()
    {
        var email = NewAddress("cert");
        await app.UserAsync(email);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Cohort test client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(Path.GetTempPath(), $"cohort-client-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password-1"));
        using var publicPart = X509CertificateLoader.LoadCertificate(certificate.RawData);
        app.Provider.ClientCertificate = publicPart;
        try
        {
            await using var withCertificate = app.WithWebHostBuilder(b =>
            {
                b.UseSetting("Cohort:EntraId:ClientSecret", "");
                b.UseSetting("Cohort:EntraId:CertificatePath", pfx);
                b.UseSetting("Cohort:EntraId:CertificatePassword", "pfx-password-1");
            });

            var journey = await SignInAsync(withCertificate, new FakeUser(Guid.NewGuid().ToString(), EntraIdApp.TenantId, email, "Cert"));

            Assert.Equal("/", journey.FinalPath);
            Assert.True(journey.SetApplicationCookie);
            Assert.Equal("certificate", app.Provider.LastClientAuthentication);
        }
        finally
        {
            app.Provider.ClientCertificate = null;
            File.Delete(pfx);
        }
    }

    [Fact]
    public void Settings_are_off_without_a_client_id_and_refuse_half_configurations()
    {
        static EntraIdSettings From(params (string Key, string Value)[] values) =>
            EntraIdSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create("Cohort:EntraId:" + v.Key, (string?)v.Value))).Build());

        Assert.False(From(("TenantId", EntraIdApp.TenantId)).Enabled);
        var entra = From(("ClientId", "app"), ("TenantId", EntraIdApp.TenantId), ("ClientSecret", "s"));
        Assert.Equal($"https://login.microsoftonline.com/{EntraIdApp.TenantId}/v2.0", entra.Authority);
        Assert.Equal("Microsoft Entra ID", entra.DisplayName);
        Assert.True(From(("ClientId", "app"), ("TenantId", "organizations"), ("ClientSecret", "s")).AnyTenant);
        Assert.Throws<InvalidOperationException>(() => From(("ClientId", "app"), ("ClientSecret", "s")));
        Assert.Throws<InvalidOperationException>(() => From(("ClientId", "app"), ("TenantId", "city.example.lg.jp"), ("ClientSecret", "s")));
        Assert.Throws<InvalidOperationException>(() => From(("ClientId", "app"), ("TenantId", EntraIdApp.TenantId)));
        Assert.Throws<InvalidOperationException>(() => From(("ClientId", "app"), ("TenantId", EntraIdApp.TenantId), ("ClientSecret", "s"), ("CertificatePath", "/x.pfx")));
    }

    private static string NewAddress(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..8]}@City.Example";

    private async Task<IList<UserLoginInfo>> LoginsAsync(AppUser user)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetLoginsAsync((await users.FindByIdAsync(user.Id.ToString()))!);
    }

    /// <summary>The journey set no application cookie, and the browser is still sent to the sign-in page.</summary>
    private static async Task AssertNotSignedInAsync(Journey journey)
    {
        Assert.False(journey.SetApplicationCookie);
        var home = await journey.Browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>
    /// Clicks "Sign in with …" in a fresh cookie-keeping browser and follows every redirect by hand: requests to the
    /// fake provider go over the network, requests to the app through the test server with the browser's cookies.
    /// </summary>
    private async Task<Journey> SignInAsync(WebApplicationFactory<Program> factory, FakeUser user, string? returnUrl = null, string? culture = null)
    {
        app.Provider.NextUser = user;
        var browser = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://localhost") });
        if (culture is not null)
        {
            await browser.GetAsync($"/culture/{culture}");
        }

        var response = await CohortApp.PostFormAsync(browser, "/Account/Login", new() { ["returnUrl"] = returnUrl ?? "" }, handler: "EntraId");
        var steps = new List<HttpResponseMessage> { response };
        using var network = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var provider = new Uri(app.Provider.Authority);
        while (response.StatusCode == HttpStatusCode.Redirect && steps.Count < 10)
        {
            var next = new Uri(browser.BaseAddress!, response.Headers.Location!);
            response = next.Authority == provider.Authority
                ? await network.GetAsync(next)
                : await browser.GetAsync(next.PathAndQuery);
            steps.Add(response);
        }

        Assert.Contains(steps, s => s.RequestMessage!.RequestUri!.AbsolutePath == "/authorize");
        Assert.Contains(steps, s => s.RequestMessage!.RequestUri!.AbsolutePath == "/signin-oidc");
        return new Journey(response, steps, browser);
    }

    private sealed record Journey(HttpResponseMessage Final, IReadOnlyList<HttpResponseMessage> Steps, HttpClient Browser)
    {
        public string FinalPath => Final.RequestMessage!.RequestUri!.AbsolutePath;

        public bool SetApplicationCookie => Steps.Any(s =>
            s.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith("cohort.auth=", StringComparison.Ordinal) && !c.StartsWith("cohort.auth=;", StringComparison.Ordinal)));
    }
}
