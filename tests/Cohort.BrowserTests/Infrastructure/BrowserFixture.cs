using Cohort.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Cohort.BrowserTests.Infrastructure;

/// <summary>
/// One app on a real loopback port and one headless Chromium (the system's, driven by Playwright) for all journeys.
/// Without Chromium, or when Playwright's driver cannot start, the journeys skip with the reason; under
/// COHORT_REQUIRE_SERVICES=1 they fail instead.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The system Chromium (apt-get install chromium); COHORT_CHROMIUM points elsewhere.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("COHORT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>The switches STACK.md lists for this machine kind: no sandbox (root in a container), nothing phoning home.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp App { get; } = new();

    public Artifacts Artifacts { get; } = new();

    public PageWeightReport Weights { get; } = new();

    /// <summary>Set when the browser cannot run here; journeys skip with it (never under COHORT_REQUIRE_SERVICES=1).</summary>
    public string? SkipReason { get; private set; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(SkipReason ?? "The browser has not started.");

    public async Task InitializeAsync()
    {
        SkipReason = await StartBrowserAsync();
        if (SkipReason is not null)
        {
            if (RequiredServices.Required)
            {
                throw new InvalidOperationException($"COHORT_REQUIRE_SERVICES=1 but the browser journeys cannot run: {SkipReason}");
            }

            return;
        }

        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (Weights.Count > 0)
        {
            var file = Weights.Write(Artifacts.Folder);
            Console.WriteLine(await File.ReadAllTextAsync(file));
            Console.WriteLine($"Page weight report: {file}");
            Console.WriteLine($"Screenshots: {Artifacts.Folder}");
        }

        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    private async Task<string?> StartBrowserAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return $"Chromium is not installed at {ChromiumPath} (apt-get install chromium fonts-noto-cjk).";
        }

        try
        {
            _playwright = await Playwright.CreateAsync();
        }
        catch (Exception e) when (e is PlaywrightException or IOException or System.ComponentModel.Win32Exception)
        {
            return $"Playwright's driver did not start: {e.Message}";
        }

        try
        {
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
                Timeout = 60_000,
            });
        }
        catch (PlaywrightException e)
        {
            return $"Chromium at {ChromiumPath} did not start: {e.Message}";
        }

        return null;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
