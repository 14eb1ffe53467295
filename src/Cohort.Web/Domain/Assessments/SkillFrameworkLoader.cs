using Cohort.Web.Domain.Templates;

namespace Cohort.Web.Domain.Assessments;

/// <summary>
/// Turns a <c>framework.yaml</c> into a <see cref="SkillFramework"/>, or throws <see cref="TemplateLoadException"/>
/// listing every problem found. The format is described in templates/README.md (Assessment frameworks).
/// </summary>
public sealed class SkillFrameworkLoader
{
    public const int MaxNameLength = ProgramTemplateLoader.MaxNameLength;
    public const int MaxTextLength = ProgramTemplateLoader.MaxDescriptionLength;
    public const int MaxKeyLength = ProgramTemplateLoader.MaxKeyLength;
    public const int MaxItems = 100;
    public const int ScaleLength = SkillFramework.MaxRating - SkillFramework.MinRating + 1;

    private static readonly string[] FrameworkKeys = ["title", "description", "scale", "goalsQuestion", "areas"];
    private static readonly string[] AreaKeys = ["key", "name", "items"];
    private static readonly string[] ItemKeys = ["key", "statement"];
    private static readonly string[] TextKeys = ["ja", "en"];
    private static readonly LocalizedText NoText = new("", "");

    public SkillFramework LoadFile(string path, string key)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path, key);
    }

    public SkillFramework Parse(string yaml, string fileName, string key)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(key);

        var errors = new List<TemplateError>();
        if (!ProgramTemplateLoader.IsValidKey(key))
        {
            errors.Add(new TemplateError(fileName, 1, 1,
                $"The framework key '{key}' (its folder name) must be 1 to {MaxKeyLength} characters of a-z, 0-9 and '-'."));
        }

        var root = SourceTree.Read(yaml, fileName, errors, string.Join(", ", FrameworkKeys));
        var framework = root is null ? null : new Reader(fileName, errors).Framework(root, key);
        if (errors.Count > 0 || framework is null)
        {
            throw new TemplateLoadException([.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }

        return framework;
    }

    /// <summary>
    /// Walks the tree once, recording errors as it goes. Values that fail validation become placeholders so the
    /// walk can continue and find the rest; the caller never returns a framework built while errors were recorded.
    /// </summary>
    private sealed class Reader(string file, List<TemplateError> errors)
    {
        public SkillFramework? Framework(SourceNode node, string key)
        {
            if (AsMapping(node, "", "the framework") is not { } map)
            {
                return null;
            }

            CheckKeys(map, "", FrameworkKeys);
            var title = Text(map, "", "title", MaxNameLength);
            var description = Text(map, "", "description", MaxTextLength);
            var scale = Scale(map);
            var goalsQuestion = Text(map, "", "goalsQuestion", MaxTextLength);
            var areas = List(map, "", "areas", Area);
            CheckItemKeysAcrossAreas(map);
            CheckItemCount(map);

            return new SkillFramework(key, title, description, scale, [.. areas.OfType<SkillArea>()], goalsQuestion);
        }

        /// <summary>The labels of ratings 1 to 5, in that order.</summary>
        private IReadOnlyList<LocalizedText> Scale(SourceMapping map)
        {
            if (Required(map, "", "scale") is not { } node)
            {
                return [];
            }

            if (node is not SourceSequence sequence)
            {
                Error(node, $"scale must be a list of {ScaleLength} labels (for ratings {SkillFramework.MinRating} to {SkillFramework.MaxRating}), got {Describe(node)}");
                return [];
            }

            if (sequence.Items.Count != ScaleLength)
            {
                Error(node, $"scale must have exactly {ScaleLength} labels (for ratings {SkillFramework.MinRating} to {SkillFramework.MaxRating}), got {sequence.Items.Count}");
            }

            return [.. sequence.Items.Select((n, i) => TextValue(n, $"scale[{i}]", MaxNameLength))];
        }

        private SkillArea? Area(SourceNode node, string path)
        {
            if (AsMapping(node, path, "a skill area") is not { } map)
            {
                return null;
            }

            CheckKeys(map, path, AreaKeys);
            var key = Key(map, path);
            var name = Text(map, path, "name", MaxNameLength);
            var items = List(map, path, "items", Item);
            return new SkillArea(key, name, [.. items.OfType<SkillItem>()]);
        }

        private SkillItem? Item(SourceNode node, string path)
        {
            if (AsMapping(node, path, "an item") is not { } map)
            {
                return null;
            }

            CheckKeys(map, path, ItemKeys);
            return new SkillItem(Key(map, path), Text(map, path, "statement", MaxTextLength));
        }

        /// <summary>Ratings are stored by item key alone, so an item key may not appear in two areas either.</summary>
        private void CheckItemKeysAcrossAreas(SourceMapping map)
        {
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (area, a) in Areas(map))
            {
                if (area["items"] is not SourceSequence items)
                {
                    continue;
                }

                var inThisArea = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < items.Items.Count; i++)
                {
                    if (items.Items[i] is not SourceMapping item || item["key"] is not SourceScalar { IsNull: false } key)
                    {
                        continue;
                    }

                    var path = $"areas[{a}].items[{i}]";
                    // A repeat inside one area is already reported by the list's own uniqueness check.
                    if (seen.TryGetValue(key.Value, out var first) && !inThisArea.Contains(key.Value))
                    {
                        Error(key, $"{path}.key '{key.Value}' is already used by {first}; item keys must be unique across the whole framework");
                    }

                    seen.TryAdd(key.Value, path);
                    inThisArea.Add(key.Value);
                }
            }
        }

        /// <summary>Reported once, at the first item over the limit.</summary>
        private void CheckItemCount(SourceMapping map)
        {
            var all = Areas(map)
                .SelectMany(x => x.Area["items"] is SourceSequence items
                    ? items.Items.Select((node, i) => (Node: node, Path: $"areas[{x.Index}].items[{i}]"))
                    : [])
                .ToList();
            if (all.Count > MaxItems)
            {
                var (node, path) = all[MaxItems];
                Error(node, $"{path} is item {MaxItems + 1}; a framework may have at most {MaxItems} items in total, this one has {all.Count}");
            }
        }

        private static IEnumerable<(SourceMapping Area, int Index)> Areas(SourceMapping map) =>
            map["areas"] is SourceSequence areas
                ? areas.Items.Select((node, i) => (Node: node, Index: i)).Where(x => x.Node is SourceMapping).Select(x => ((SourceMapping)x.Node, x.Index))
                : [];

        private string Key(SourceMapping map, string path)
        {
            var name = Join(path, "key");
            if (Required(map, path, "key") is not { } node || String(node, name) is not { } key)
            {
                return "";
            }

            if (!ProgramTemplateLoader.IsValidKey(key))
            {
                Error(node, $"{name} must be 1 to {MaxKeyLength} characters of lowercase a-z, 0-9 and '-', got '{key}'");
            }

            return key;
        }

        private LocalizedText Text(SourceMapping parent, string path, string key, int maxLength) =>
            Required(parent, path, key) is { } node ? TextValue(node, Join(path, key), maxLength) : NoText;

        private LocalizedText TextValue(SourceNode node, string name, int maxLength)
        {
            if (node is not SourceMapping map)
            {
                Error(node, $"{name} must be a mapping with 'ja' and 'en' texts, got {Describe(node)}");
                return NoText;
            }

            CheckKeys(map, name, TextKeys);
            return new LocalizedText(Translation(map, name, "ja", maxLength), Translation(map, name, "en", maxLength));
        }

        private string Translation(SourceMapping map, string path, string language, int maxLength)
        {
            var name = Join(path, language);
            if (Required(map, path, language) is not { } node || String(node, name) is not { } text)
            {
                return "";
            }

            if (text.Length == 0)
            {
                Error(node, $"{name} must not be empty");
            }
            else if (text.Length > maxLength)
            {
                Error(node, $"{name} must be at most {maxLength} characters, got {text.Length}");
            }

            return text;
        }

        /// <summary>A required list with at least one entry; keys unique within it.</summary>
        private List<T?> List<T>(SourceMapping map, string path, string key, Func<SourceNode, string, T?> item)
            where T : class
        {
            var name = Join(path, key);
            if (Required(map, path, key) is not { } node)
            {
                return [];
            }

            if (node is not SourceSequence sequence)
            {
                Error(node, $"{name} must be a list, got {Describe(node)}");
                return [];
            }

            if (sequence.Items.Count == 0)
            {
                Error(node, $"{name} must have at least one entry");
            }

            var items = sequence.Items.Select((n, i) => item(n, $"{name}[{i}]")).ToList();
            CheckUnique(sequence, name);
            return items;
        }

        private void CheckUnique(SourceSequence sequence, string path)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < sequence.Items.Count; i++)
            {
                if (sequence.Items[i] is not SourceMapping map || map["key"] is not SourceScalar { IsNull: false } key)
                {
                    continue;
                }

                if (seen.TryGetValue(key.Value, out var first))
                {
                    Error(key, $"{path}[{i}].key '{key.Value}' is already used by {path}[{first}]; keys must be unique within a list");
                }
                else
                {
                    seen.Add(key.Value, i);
                }
            }
        }

        private SourceMapping? AsMapping(SourceNode node, string path, string what)
        {
            if (node is SourceMapping map)
            {
                return map;
            }

            Error(node, path.Length == 0
                ? $"The framework must be a mapping of keys ({string.Join(", ", FrameworkKeys)}), got {Describe(node)}"
                : $"{path} must be a mapping describing {what}, got {Describe(node)}");
            return null;
        }

        /// <summary>A value of text type: null when the node is not a scalar (error recorded); empty text for YAML null.</summary>
        private string? String(SourceNode node, string name)
        {
            if (node is SourceScalar scalar)
            {
                return scalar.IsNull ? "" : scalar.Value.Trim();
            }

            Error(node, $"{name} must be a text, got {Describe(node)}");
            return null;
        }

        private SourceNode? Required(SourceMapping map, string path, string key)
        {
            var node = map[key];
            if (node is null)
            {
                Error(map, $"{Join(path, key)} is required");
            }

            return node;
        }

        private void CheckKeys(SourceMapping map, string path, string[] allowed)
        {
            foreach (var key in map.Entries.Select(e => e.Key).Where(k => !allowed.Contains(k.Value, StringComparer.Ordinal)))
            {
                var where = path.Length == 0 ? "at the top level" : $"in {path}";
                var hint = Closest(key.Value, allowed) is { } suggestion ? $"did you mean '{suggestion}'? " : "";
                Error(key, $"Unknown key '{key.Value}' {where}; {hint}allowed keys are {string.Join(", ", allowed)}");
            }
        }

        private void Error(SourceNode node, string message) => errors.Add(new TemplateError(file, node.Line, node.Column, message));

        private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

        private static string Describe(SourceNode node) => node switch
        {
            SourceMapping => "a mapping",
            SourceSequence => "a list",
            SourceScalar { IsNull: true } => "nothing",
            SourceScalar s when s.Value.Length > 40 => $"'{s.Value[..40]}…'",
            SourceScalar s => $"'{s.Value}'",
            _ => "an unexpected value",
        };

        private static string? Closest(string typo, string[] candidates)
        {
            var best = candidates
                .Select(c => (Candidate: c, Distance: EditDistance(typo.ToLowerInvariant(), c.ToLowerInvariant())))
                .MinBy(x => x.Distance);
            return best.Distance <= Math.Max(2, typo.Length / 3) ? best.Candidate : null;
        }

        private static int EditDistance(string a, string b)
        {
            var previous = Enumerable.Range(0, b.Length + 1).ToArray();
            for (var i = 1; i <= a.Length; i++)
            {
                var current = new int[b.Length + 1];
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
                }

                previous = current;
            }

            return previous[b.Length];
        }
    }
}
