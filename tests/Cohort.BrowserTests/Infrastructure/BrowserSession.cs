using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Cohort.BrowserTests.Infrastructure;

/// <summary>A screen the journeys use: an office PC or a smartphone held upright.</summary>
public sealed record Device(string Name, int Width, int Height, float Scale, bool Mobile)
{
    public static readonly Device Desktop = new("desktop", 1280, 800, 1, false);

    /// <summary>A common smartphone size in CSS pixels (iPhone 12–15), at twice the density.</summary>
    public static readonly Device Phone = new("phone", 390, 844, 2, true);
}

/// <summary>
/// One person in one browser (own cookies) walking through the app. Every page it lands on is checked with axe
/// (serious and critical violations fail the journey at <see cref="Finish"/>; on a phone, so does a page wider
/// than the screen) and weighed for the report.
/// Navigate only through <see cref="OpenAsync"/> and <see cref="NavigateByAsync"/>, so no page goes unchecked.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, (long Bytes, long Gzip)> AssetSizes = new();

    private readonly BrowserFixture _fixture;
    private readonly IBrowserContext _context;
    private readonly ITestOutputHelper _output;
    private readonly string _journey;
    private readonly List<string> _violations = [];
    private readonly List<string> _navigations = [];
    private readonly List<string> _audited = [];
    private IResponse? _document;
    private int _screenshots;
    private bool _finished;

    private BrowserSession(BrowserFixture fixture, IBrowserContext context, IPage page, ITestOutputHelper output, string journey, string language, Device device)
    {
        _fixture = fixture;
        _context = context;
        _output = output;
        _journey = journey;
        Page = page;
        Language = language;
        Device = device;
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                lock (_navigations)
                {
                    _navigations.Add(frame.Url);
                }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Frame == page.MainFrame && response.Request.IsNavigationRequest && response.Status == 200)
            {
                _document = response;
            }
        };
    }

    public IPage Page { get; }

    /// <summary>ja or en: the language this run of the journey uses (switched to with the header link).</summary>
    public string Language { get; }

    public Device Device { get; }

    public IKeyboard Keyboard => Page.Keyboard;

    public static async Task<BrowserSession> StartAsync(BrowserFixture fixture, ITestOutputHelper output, string journey, string language, Device device)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = device.Width, Height = device.Height },
            DeviceScaleFactor = device.Scale,
            IsMobile = device.Mobile,
            HasTouch = device.Mobile,
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
        });
        // Generous: on a 2-core CI machine a page can wait behind a build or the database for several seconds.
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(fixture, context, page, output, $"{journey}-{language}-{device.Name}", language, device);
    }

    /// <summary>The text in this run's language: the journeys find fields and buttons by what people read.</summary>
    public string T(string japanese, string english) => Language == "ja" ? japanese : english;

    /// <summary>
    /// The form field whose label reads exactly this (in this run's language), ignoring the asterisk that marks a
    /// required field. Only fields on screen count (not those inside a closed details element).
    /// </summary>
    public ILocator Field(string japanese, string english, ILocator? within = null)
    {
        var label = new Regex($"^\\s*{Regex.Escape(T(japanese, english))}\\s*\\*?\\s*$");
        return (within is null ? Page.GetByLabel(label) : within.GetByLabel(label)).Filter(new() { Visible = true });
    }

    public Task OpenAsync(string path) => NavigateByAsync(() => Page.GotoAsync(path));

    /// <summary>Runs an action that leads to a new page (a click, Enter in a form), waits for it and checks it.</summary>
    public async Task NavigateByAsync(Func<Task> action)
    {
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == Page.MainFrame)
            {
                navigated.TrySetResult();
            }
        }

        Page.FrameNavigated += OnNavigated;
        try
        {
            await action();
            await navigated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Page.FrameNavigated -= OnNavigated;
        }

        // Ask the document rather than wait for the load event: once, right after a sign-in redirect, Playwright reported
        // network idle but never "load" (the event had passed between the navigation and the wait) and the step timed out.
        await Page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        await AuditAsync();
    }

    public Task ClickAsync(ILocator target) => NavigateByAsync(() => target.ClickAsync());

    /// <summary>Switches the interface language with the link in the header, as a person does.</summary>
    public async Task UseLanguageAsync()
    {
        if (Language == "en")
        {
            await ClickAsync(Page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }));
            Assert.Equal("en", await Page.Locator("html").GetAttributeAsync("lang"));
        }
        else
        {
            Assert.Equal("ja", await Page.Locator("html").GetAttributeAsync("lang"));
        }
    }

    /// <summary>Signs in through the sign-in form, from the page an anonymous visitor is sent to.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await Field("メールアドレス", "E-mail").FillAsync(email);
        await Field("パスワード", "Password").FillAsync(password);
        await ClickAsync(Page.GetByRole(AriaRole.Button, new() { Name = T("ログイン", "Sign in"), Exact = true }));
    }

    /// <summary>Presses Tab until the target has the focus (fails after <paramref name="maxTabs"/>): keyboard-only navigation.</summary>
    public async Task TabToAsync(ILocator target, int maxTabs = 60)
    {
        for (var i = 0; i < maxTabs; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"{target} was not reached with {maxTabs} presses of Tab on {Page.Url}");
    }

    /// <summary>Saves a screenshot to the artefacts folder and names it in the test output; returns its path.</summary>
    /// <param name="cssPixels">One image pixel per CSS pixel on a high-density phone screen (a smaller file).</param>
    public async Task<string> ScreenshotAsync(string name, bool fullPage = true, bool cssPixels = false)
    {
        var file = _fixture.Artifacts.PathFor($"{_journey}-{++_screenshots:00}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = file,
            FullPage = fullPage,
            Scale = cssPixels ? ScreenshotScale.Css : ScreenshotScale.Device,
        });
        _output.WriteLine($"screenshot: {file}");
        return file;
    }

    /// <summary>Ends the journey: every page visited was checked, and axe found nothing serious or critical.</summary>
    public void Finish()
    {
        _finished = true;
        lock (_navigations)
        {
            Assert.True(_navigations.Count == _audited.Count,
                $"Pages loaded without the accessibility check: loaded {string.Join(", ", _navigations)}; checked {string.Join(", ", _audited)}");
        }

        Assert.True(_violations.Count == 0, $"Accessibility problems (axe serious or critical, reflow on a phone):\n{string.Join('\n', _violations)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            // The journey stopped early: keep what the browser showed.
            try
            {
                await ScreenshotAsync("stopped-here");
                _output.WriteLine($"stopped on {Page.Url}");
            }
            catch (PlaywrightException)
            {
                // The page may be gone already.
            }
        }

        await _context.CloseAsync();
    }

    private async Task AuditAsync()
    {
        var url = new Uri(Page.Url);
        var name = PageName(url);
        _audited.Add(Page.Url);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var axe = await RunAxeAsync();
        var axeTime = started.Elapsed;
        foreach (var violation in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            foreach (var node in violation.Nodes)
            {
                var line = $"{violation.Impact} {violation.Id} on {name} ({Language}, {Device.Name}): {node.Target} — {violation.Help}";
                _violations.Add(line);
                _output.WriteLine("axe: " + line);
            }
        }

        if (Device.Mobile)
        {
            // Content must reflow to the phone's width (WCAG 1.4.10): nothing may need sideways scrolling. (A mobile
            // browser widens its layout viewport to fit wide content, so compare with the screen, not innerWidth.)
            var width = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > Device.Width)
            {
                var line = $"reflow on {name} ({Language}, {Device.Name}): the page is {width} px wide on a {Device.Width} px screen";
                _violations.Add(line);
                _output.WriteLine(line);
            }
        }

        var weight = await WeighAsync(name);
        var weighTime = started.Elapsed - axeTime;
        _fixture.Weights.Add(weight);
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"page {name} ({Language}): HTML {PageWeightReport.Kb(weight.HtmlBytes)} KB + CSS/JS {PageWeightReport.Kb(weight.AssetBytes)} KB = {PageWeightReport.Kb(weight.Total)} KB, gzip {PageWeightReport.Kb(weight.TotalGzip)} KB; axe {axe.Violations.Length} violation(s) in all ({axeTime.TotalMilliseconds:0} ms, weighing {weighTime.TotalMilliseconds:0} ms)"));
    }

    /// <summary>
    /// axe on the whole page, all rules. The package's default mode finishes every run in a fresh browser page
    /// (built for pages with cross-origin frames); Cohort's pages have no frames, and the single-frame run gives the
    /// same violations about five times faster on a busy two-core machine.
    /// </summary>
    private async Task<AxeResult> RunAxeAsync()
    {
        var options = new AxeRunOptions { ResultTypes = [ResultType.Violations], Iframes = false };
#pragma warning disable CS0618 // "legacy" mode: see above; it is the same axe-core run without the isolated finishing page.
        return await Page.RunAxeLegacy(null, options);
#pragma warning restore CS0618
    }

    private async Task<PageWeight> WeighAsync(string name)
    {
        long html = 0, htmlGzip = 0;
        if (_document is { } document && document.Url == Page.Url)
        {
            var body = await document.BodyAsync();
            html = body.Length;
            htmlGzip = GzipLength(body);
        }

        var assets = await Page.EvaluateAsync<string[]>(
            "() => Array.from(document.querySelectorAll('link[rel=stylesheet][href], script[src]'), e => e.href || e.src)");
        long assetBytes = 0, assetGzip = 0;
        foreach (var asset in assets.Distinct())
        {
            if (!AssetSizes.TryGetValue(asset, out var size))
            {
                var response = await Page.APIRequest.GetAsync(asset);
                var body = await response.BodyAsync();
                size = (body.Length, GzipLength(body));
                AssetSizes[asset] = size;
            }

            assetBytes += size.Bytes;
            assetGzip += size.Gzip;
        }

        return new PageWeight(_journey, Language, name, html, htmlGzip, assetBytes, assetGzip, assets.Length);
    }

    private static long GzipLength(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return buffer.Length;
    }

    /// <summary>The page's route with ids and keys replaced, so visits of the same page group together.</summary>
    private static string PageName(Uri url)
    {
        var path = Id().Replace(url.AbsolutePath, "{id}");
        return Key().Replace(path, "/$1/{key}");
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Id();

    [GeneratedRegex("^/(f|s)/[^/]+$")]
    private static partial Regex Key();
}
