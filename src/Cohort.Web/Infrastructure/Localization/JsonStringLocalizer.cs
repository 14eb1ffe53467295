using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Infrastructure.Localization;

/// <summary>Marker type for the one shared set of UI texts.</summary>
public sealed class SharedResource;

/// <summary>
/// UI texts are keyed by their English wording; translations live in embedded
/// <c>Resources/*.{culture}.json</c> files (one flat object each, merged per culture).
/// A missing translation falls back to the English key, so English needs no file.
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> _byCulture = new();

    public IStringLocalizer Create(Type resourceSource) => new JsonStringLocalizer(this);

    public IStringLocalizer Create(string baseName, string location) => new JsonStringLocalizer(this);

    internal IReadOnlyDictionary<string, string> Texts(CultureInfo culture)
    {
        var name = culture.TwoLetterISOLanguageName;
        return _byCulture.GetOrAdd(name, Load);
    }

    private static IReadOnlyDictionary<string, string> Load(string language)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var assembly = typeof(JsonStringLocalizerFactory).Assembly;
        var suffix = "." + language + ".json";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(suffix, StringComparison.Ordinal)).Order())
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var map = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"Resource {name} is not a JSON object of strings.");
            foreach (var (key, value) in map)
            {
                if (!result.TryAdd(key, value) && result[key] != value)
                {
                    throw new InvalidOperationException($"Resource {name} translates \"{key}\" differently from another file.");
                }
            }
        }

        return result;
    }
}

public sealed class JsonStringLocalizer(JsonStringLocalizerFactory factory) : IStringLocalizer, IStringLocalizer<SharedResource>
{
    public LocalizedString this[string name]
    {
        get
        {
            var found = factory.Texts(CultureInfo.CurrentUICulture).TryGetValue(name, out var value);
            return new LocalizedString(name, found ? value! : name, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, template.Value, arguments), template.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        factory.Texts(CultureInfo.CurrentUICulture).Select(kv => new LocalizedString(kv.Key, kv.Value));

    /// <summary>A localizer usable outside DI (tests, CLI).</summary>
    public static JsonStringLocalizer Create() => new(new JsonStringLocalizerFactory());
}
