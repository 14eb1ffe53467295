using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Fluid;

namespace Cohort.Web.Infrastructure.Mail;

public sealed record RenderedMail(string Subject, string TextBody, string? HtmlBody);

/// <summary>A mail template is missing or broken; <see cref="File"/> is its path relative to the templates root.</summary>
public sealed class MailTemplateException(string file, string message, Exception? inner = null) : Exception(message, inner)
{
    public string File { get; } = file;
}

/// <summary>
/// Liquid templates in <c>&lt;templatesRoot&gt;/mail/{name}.{ja|en}.{subject|txt|html}.liquid</c> (the HTML one is
/// optional). Each file is parsed once, on first use. Model members are exposed in snake_case
/// (<c>RecipientName</c> → <c>recipient_name</c>); values are HTML-encoded in the HTML body only.
/// </summary>
public sealed partial class MailTemplates
{
    public const string MailFolder = "mail";

    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Japanese = Options("ja-JP");
    private static readonly TemplateOptions English = Options("en");
    // Escapes what HTML needs (<, >, &, quotes) but leaves Japanese text readable in the source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly string _root;
    private readonly ConcurrentDictionary<string, Lazy<IFluidTemplate?>> _parsed = new(StringComparer.Ordinal);

    public MailTemplates(string templatesRoot)
    {
        ArgumentNullException.ThrowIfNull(templatesRoot);
        _root = templatesRoot;
        if (!Directory.Exists(Path.Combine(templatesRoot, MailFolder)))
        {
            throw new DirectoryNotFoundException($"No '{MailFolder}' folder in the templates root '{templatesRoot}'.");
        }
    }

    /// <summary>"ja" for ja and ja-*, otherwise "en".</summary>
    public static string LanguageOf(string culture) =>
        culture is not null && (culture.Equals("ja", StringComparison.OrdinalIgnoreCase) || culture.StartsWith("ja-", StringComparison.OrdinalIgnoreCase))
            ? "ja"
            : "en";

    public RenderedMail Render(string name, string culture, object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (name is null || !TemplateName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a mail template name (a-z, 0-9 and '-').", nameof(name));
        }

        var language = LanguageOf(culture);
        var options = language == "ja" ? Japanese : English;
        var stem = $"{MailFolder}/{name}.{language}";

        var subject = RenderFile($"{stem}.subject.liquid", required: true, options, model, NullEncoder.Default)!;
        var text = RenderFile($"{stem}.txt.liquid", required: true, options, model, NullEncoder.Default)!;
        var html = RenderFile($"{stem}.html.liquid", required: false, options, model, Html);

        // A header is one line: the template may wrap for readability.
        return new RenderedMail(Whitespace().Replace(subject, " ").Trim(), text, html);
    }

    private string? RenderFile(string file, bool required, TemplateOptions options, object model, TextEncoder encoder)
    {
        var template = _parsed.GetOrAdd(file, f => new Lazy<IFluidTemplate?>(() => Parse(f))).Value;
        if (template is null)
        {
            return required
                ? throw new MailTemplateException(file, $"The mail template '{file}' does not exist in '{_root}'.")
                : null;
        }

        try
        {
            return template.Render(new TemplateContext(model, options), encoder);
        }
        catch (Exception e) when (e is InvalidOperationException or FluidException or ArgumentException)
        {
            throw new MailTemplateException(file, $"The mail template '{file}' failed to render: {e.Message}", e);
        }
    }

    private IFluidTemplate? Parse(string file)
    {
        var path = Path.Combine(_root, file);
        if (!File.Exists(path))
        {
            return null;
        }

        return Parser.TryParse(File.ReadAllText(path), out var template, out var error)
            ? template
            : throw new MailTemplateException(file, $"The mail template '{file}' is not valid Liquid: {error}");
    }

    private static TemplateOptions Options(string culture)
    {
        var options = new TemplateOptions
        {
            CultureInfo = CultureInfo.GetCultureInfo(culture),
            // Models are the app's own objects (anonymous types, records, dictionaries), nested at any depth, and
            // templates are files shipped by the operator: exposing all public members is the intended contract.
            MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
        };
        return options;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex TemplateName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
