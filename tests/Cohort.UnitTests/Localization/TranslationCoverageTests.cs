using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.Nudges;
using Cohort.Web.Infrastructure.Hosting;
using Cohort.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Cohort.UnitTests.Localization;

/// <summary>
/// Every English text the app looks up must have a Japanese translation (Japanese is the default UI language),
/// with the same placeholders. Texts are found by scanning the sources, so a new <c>L["..."]</c> without a
/// translation fails here rather than showing English to a Japanese user.
/// </summary>
public sealed partial class TranslationCoverageTests
{
    /// <summary>
    /// <c>L["..."]</c>, <c>l["..."]</c>, <c>localizer["..."]</c> with a string literal first, and the texts of
    /// <c>ConflictException("...")</c>, <c>ForbiddenException("...")</c> and <c>HealthReason("...")</c>, which are
    /// localized by key when shown.
    /// </summary>
    [GeneratedRegex("""(?:\b(?:L|l|localizer)\[\s*|\b(?:ConflictException|ForbiddenException|HealthReason)\(\s*(?:string\s+\w+\s*=\s*)?)"((?:[^"\\\r\n]|\\.)*)"(?=\s*[\],)])""")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>> SourceKeys = new(ScanSources);

    [Fact]
    public void Scan_finds_keys_in_pages_and_code()
    {
        // Guards the scanner itself: if these disappear the regex or the folder walk is broken.
        Assert.True(SourceKeys.Value.Count > 100, $"Only {SourceKeys.Value.Count} keys found; is the scanner broken?");
        Assert.Contains("Save", SourceKeys.Value.Keys);
        Assert.Contains("You do not have permission to do this.", SourceKeys.Value.Keys);
    }

    [Fact]
    public void Every_text_in_the_sources_has_a_Japanese_translation()
    {
        var missing = Missing(SourceKeys.Value.Keys, "ja-JP");

        Assert.True(missing.Count == 0, Report("texts have no Japanese translation", missing.Select(k => $"{Quote(k)}  ({string.Join(", ", SourceKeys.Value[k])})")));
    }

    [Fact]
    public void Every_field_name_of_a_validated_command_has_a_Japanese_translation()
    {
        var fields = WithItemTypes(ValidatedTypes())
            .SelectMany(t => t.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)
                .Select(p => (Key: FieldNames.Humanize(p.Name), Where: $"{t.FullName}.{p.Name}")))
            .GroupBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Where).ToList(), StringComparer.Ordinal);
        Assert.NotEmpty(fields);

        var missing = Missing(fields.Keys, "ja-JP");

        Assert.True(missing.Count == 0, Report("field names have no Japanese translation", missing.Select(k => $"{Quote(k)}  ({string.Join(", ", fields[k].Take(3))})")));
    }

    [Fact]
    public void Enum_values_shown_by_name_have_a_Japanese_translation()
    {
        // Shown through L[value.ToString()]: milestone deliverables and the roles on the people and invitation pages.
        var names = Enum.GetNames<DeliverableType>().Concat(Enum.GetNames<InvitedRole>()).ToList();

        var missing = Missing(names, "ja-JP");

        Assert.True(missing.Count == 0, Report("enum names have no Japanese translation", missing.Select(Quote)));
    }

    [Fact]
    public void Every_nudge_kind_has_its_own_texts_with_a_Japanese_translation()
    {
        // Looked up as L[NudgeTexts.Message(kind), ...] and the like, which the source scan cannot see.
        var texts = Enum.GetValues<NudgeKind>()
            .SelectMany(k => (Nudge.IsEssential(k) ? new[] { NudgeTexts.Message(k), NudgeTexts.KindLabel(k) } : [NudgeTexts.Message(k), NudgeTexts.KindLabel(k), NudgeTexts.MuteLabel(k)])
                .Select(text => (Kind: k, Text: text)))
            .ToList();

        var fallbacks = texts.Where(t => t.Text == t.Kind.ToString() || t.Text == "{0} ({1})").Select(t => $"{t.Kind}: {Quote(t.Text)}").ToList();
        var missing = Missing(texts.Select(t => t.Text), "ja-JP");

        Assert.True(fallbacks.Count == 0, Report("nudge kinds have no text of their own", fallbacks));
        Assert.True(missing.Count == 0, Report("nudge texts have no Japanese translation", missing.Select(Quote)));
        Assert.All(Enum.GetValues<NudgeKind>(), k => Assert.Equal([0, 1], Placeholders(NudgeTexts.Message(k))));
    }

    [Fact]
    public void Every_label_of_the_case_library_has_a_Japanese_translation()
    {
        // Looked up as L[CaseLabels.Area(key)] and the like, which the source scan cannot see.
        var labels = Cohort.Web.Features.Cases.CaseLabels.All().ToList();
        Assert.Equal(Cohort.Web.Domain.CaseFacets.DepartmentAreas.Count, Cohort.Web.Domain.CaseFacets.DepartmentAreas.Select(Cohort.Web.Features.Cases.CaseLabels.Area).Distinct().Count());
        Assert.DoesNotContain(Cohort.Web.Domain.CaseFacets.ProblemTypes, k => Cohort.Web.Features.Cases.CaseLabels.Problem(k) == k);
        var missing = Missing(labels, "ja-JP");
        Assert.True(missing.Count == 0, Report("case library labels have no Japanese translation", missing.Select(Quote)));
    }

    [Fact]
    public void Password_rule_messages_from_Identity_have_a_Japanese_translation()
    {
        // RegisterWithInvitation shows Identity's password errors through l[e.Description]; the options are set in
        // ServiceRegistration (at least 12 characters, digit, lower and upper case required).
        var describer = new IdentityErrorDescriber();
        string[] messages =
        [
            describer.PasswordTooShort(12).Description,
            describer.PasswordRequiresDigit().Description,
            describer.PasswordRequiresLower().Description,
            describer.PasswordRequiresUpper().Description,
        ];

        var missing = Missing(messages, "ja-JP");

        Assert.True(missing.Count == 0, Report("Identity messages have no Japanese translation", missing.Select(Quote)));
    }

    [Fact]
    public void Every_translation_keeps_the_placeholders_of_its_key()
    {
        var localizer = JsonStringLocalizer.Create();
        List<LocalizedString> all;
        using (Culture("ja-JP"))
        {
            all = localizer.GetAllStrings(includeParentCultures: false).ToList();
        }

        var wrong = all
            .Where(s => !Placeholders(s.Name).SequenceEqual(Placeholders(s.Value)))
            .Select(s => $"{Quote(s.Name)} → {Quote(s.Value)}  (key has {{{string.Join("},{", Placeholders(s.Name))}}}, translation has {{{string.Join("},{", Placeholders(s.Value))}}})")
            .ToList();

        Assert.NotEmpty(all);
        Assert.True(wrong.Count == 0, Report("translations do not keep the placeholders of their key", wrong));
    }

    [Fact]
    public void Every_translation_is_filled_in()
    {
        var localizer = JsonStringLocalizer.Create();
        using var _ = Culture("ja-JP");

        var empty = localizer.GetAllStrings(includeParentCultures: false)
            .Where(s => string.IsNullOrWhiteSpace(s.Value))
            .Select(s => Quote(s.Name))
            .ToList();

        Assert.True(empty.Count == 0, Report("translations are empty", empty));
    }

    [Fact]
    public void English_shows_the_key_itself()
    {
        var localizer = JsonStringLocalizer.Create();
        using var _ = Culture("en");

        // Code-like keys (SubmissionAccepted, DecisionAccept...) get an English label on purpose in *.en.json;
        // every other key is the English text itself and must come back unchanged.
        var labelled = EnglishLabels();
        var changed = SourceKeys.Value.Keys
            .Where(k => !labelled.Contains(k))
            .Where(k => localizer[k].Value != k)
            .Select(k => $"{Quote(k)} → {Quote(localizer[k].Value)}")
            .ToList();

        Assert.True(changed.Count == 0, Report("keys do not come back unchanged in English", changed));
    }

    private static List<string> Missing(IEnumerable<string> keys, string culture)
    {
        var localizer = JsonStringLocalizer.Create();
        using var _ = Culture(culture);
        return keys.Distinct(StringComparer.Ordinal)
            .Where(k => localizer[k].ResourceNotFound)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The argument types of every <c>IValidator&lt;T&gt;</c> in the web assembly (the validated commands).</summary>
    private static IEnumerable<Type> ValidatedTypes() =>
        typeof(ServiceRegistration).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(FluentValidation.IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .Distinct();

    /// <summary>
    /// The validated types plus the app's own types they carry (a command's list of new items, say): those are
    /// validated through <c>ChildRules</c>, whose inline validators are not types of their own.
    /// </summary>
    private static List<Type> WithItemTypes(IEnumerable<Type> validated)
    {
        var assembly = typeof(ServiceRegistration).Assembly;
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(validated);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
            {
                var carried = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (carried != typeof(string) && carried.IsGenericType
                    && carried.GetInterfaces().Append(carried).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } sequence)
                {
                    carried = sequence.GetGenericArguments()[0];
                }

                if (carried.Assembly == assembly && carried is { IsClass: true } or { IsValueType: true, IsEnum: false, IsPrimitive: false })
                {
                    pending.Enqueue(carried);
                }
            }
        }

        return [.. seen];
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ScanSources()
    {
        var root = RepositoryRoot();
        var web = Path.Combine(root, "src", "Cohort.Web");
        var found = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !IsBuildOutput(Path.GetRelativePath(web, f)))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var where = Path.GetRelativePath(root, file).Replace('\\', '/');
            foreach (Match match in KeyPattern().Matches(text))
            {
                var key = Unescape(match.Groups[1].Value);
                if (!found.TryGetValue(key, out var places))
                {
                    found[key] = places = [];
                }

                var line = where + ":" + (text.AsSpan(0, match.Index).Count('\n') + 1).ToString(CultureInfo.InvariantCulture);
                places.Add(line);
            }
        }

        return found.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal);
    }

    private static HashSet<string> EnglishLabels()
    {
        var resources = Path.Combine(RepositoryRoot(), "src", "Cohort.Web", "Resources");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(resources, "*.en.json"))
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file));
            foreach (var property in json.RootElement.EnumerateObject())
            {
                // Only keys without spaces count as labels: an English sentence key must not be re-worded here.
                if (!property.Name.Contains(' ', StringComparison.Ordinal))
                {
                    keys.Add(property.Name);
                }
            }
        }

        return keys;
    }

    private static bool IsBuildOutput(string relativePath)
    {
        var first = relativePath.Replace('\\', '/').Split('/')[0];
        return first is "bin" or "obj";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cohort.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Cohort.sln.");
    }

    /// <summary>The value of a regular C# string literal's body (the escapes used in texts).</summary>
    private static string Unescape(string literal)
    {
        if (!literal.Contains('\\', StringComparison.Ordinal))
        {
            return literal;
        }

        var result = new StringBuilder(literal.Length);
        for (var i = 0; i < literal.Length; i++)
        {
            if (literal[i] != '\\' || i == literal.Length - 1)
            {
                result.Append(literal[i]);
                continue;
            }

            var next = literal[++i];
            result.Append(next switch
            {
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                '0' => '\0',
                _ => next, // \" \\ \'
            });
        }

        return result.ToString();
    }

    private static int[] Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToArray();

    private static string Quote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Report(string problem, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        return $"{list.Count} {problem}:{Environment.NewLine}{string.Join(Environment.NewLine, list)}";
    }

    private static CultureScope Culture(string name) => new(name);

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _previousUi = CultureInfo.CurrentUICulture;
        private readonly CultureInfo _previous = CultureInfo.CurrentCulture;

        public CultureScope(string name)
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentUICulture = _previousUi;
            CultureInfo.CurrentCulture = _previous;
        }
    }
}
