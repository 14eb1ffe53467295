using System.Globalization;
using System.Text.RegularExpressions;

namespace Cohort.Web.Domain.Templates;

/// <summary>
/// Turns a <c>program.yaml</c> into a <see cref="ProgramTemplate"/>, or throws <see cref="TemplateLoadException"/>
/// listing every problem found. The format is described in templates/README.md.
/// </summary>
public sealed partial class ProgramTemplateLoader
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;
    public const int MaxKeyLength = 64;
    public const int MaxStageDurationWorkingDays = 260;

    private static readonly string[] ProgramKeys = ["title", "description", "checkInCadenceWorkingDays", "timeZone", "nudges", "stages"];

    private static readonly string[] NudgeKeys =
        ["milestoneReminderWorkingDays", "actionItemReminderWorkingDays", "checkInGraceWorkingDays", "reviewWaitingWorkingDays", "workdayStartHour", "workdayEndHour", "disabled"];
    private static readonly string[] StageKeys = ["key", "name", "description", "durationWorkingDays", "milestones", "rubric"];
    private static readonly string[] MilestoneKeys = ["key", "name", "description", "offsetWorkingDays", "deliverable"];
    private static readonly string[] CriterionKeys = ["key", "name", "description", "maxScore", "weight"];
    private static readonly string[] TextKeys = ["ja", "en"];
    private static readonly LocalizedText NoText = new("", "");

    public ProgramTemplate LoadFile(string path, string key)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path, key);
    }

    public ProgramTemplate Parse(string yaml, string fileName, string key)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(key);

        var errors = new List<TemplateError>();
        if (!IsValidKey(key))
        {
            errors.Add(new TemplateError(fileName, 1, 1,
                $"The template key '{key}' (its folder name) must be 1 to {MaxKeyLength} characters of a-z, 0-9 and '-'."));
        }

        var root = SourceTree.Read(yaml, fileName, errors, "title, description, checkInCadenceWorkingDays and stages");
        var template = root is null ? null : new Reader(fileName, errors).Program(root, key);
        if (errors.Count > 0 || template is null)
        {
            throw new TemplateLoadException([.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }

        return template;
    }

    internal static bool IsValidKey(string key) => key.Length <= MaxKeyLength && KeyPattern().IsMatch(key);

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    /// <summary>
    /// Walks the tree once, recording errors as it goes. Values that fail validation become placeholders so the
    /// walk can continue and find the rest; the caller never returns a template built while errors were recorded.
    /// </summary>
    private sealed class Reader(string file, List<TemplateError> errors)
    {
        public ProgramTemplate? Program(SourceNode node, string key)
        {
            if (AsMapping(node, "", "the template") is not { } map)
            {
                return null;
            }

            CheckKeys(map, "", ProgramKeys);
            var title = Text(map, "", "title", MaxNameLength);
            var description = Text(map, "", "description", MaxDescriptionLength);
            var cadence = Integer(map, "", "checkInCadenceWorkingDays", min: 1, max: null, required: true);
            var timeZone = TimeZone(map);
            var stages = List(map, "", "stages", required: true, Stage);

            // Only a total made of valid durations (placeholders are 0) can judge the cadence.
            var total = stages.All(s => s is { DurationWorkingDays: > 0 }) ? stages.Sum(s => s!.DurationWorkingDays) : (int?)null;
            if (cadence is { } c && total is > 0 && c > total)
            {
                var cadenceNode = map["checkInCadenceWorkingDays"]!;
                Error(cadenceNode, $"checkInCadenceWorkingDays must not exceed the programme's total length of {total} working days, got {c}");
            }

            return new ProgramTemplate(key, title, description, cadence ?? 0, timeZone, [.. stages.OfType<StageTemplate>()]) { Nudges = Nudges(map) };
        }

        /// <summary>The optional <c>nudges</c> mapping: reminder timing, working hours and kinds switched off.</summary>
        private NudgeDefaults Nudges(SourceMapping program)
        {
            var standard = NudgeDefaults.Standard;
            if (program["nudges"] is not { } node || AsMapping(node, "nudges", "the nudge settings") is not { } map)
            {
                return standard;
            }

            CheckKeys(map, "nudges", NudgeKeys);
            var start = Integer(map, "nudges", "workdayStartHour", 0, 23, required: false) ?? standard.WorkdayStartHour;
            var end = Integer(map, "nudges", "workdayEndHour", 1, 24, required: false) ?? standard.WorkdayEndHour;
            if (end <= start)
            {
                Error(map["workdayEndHour"] ?? map, $"nudges.workdayEndHour must be after workdayStartHour ({start}), got {end}");
            }

            var disabled = List(map, "nudges", "disabled", required: false, (n, p) =>
            {
                var text = String(n, p);
                if (text is not null && !Enum.TryParse<NudgeKind>(text, ignoreCase: false, out _))
                {
                    Error(n, $"{p} must be one of {string.Join(", ", Enum.GetNames<NudgeKind>())}, got {text}");
                    return null;
                }

                return text;
            });

            return new NudgeDefaults(
                Integer(map, "nudges", "milestoneReminderWorkingDays", 0, 20, required: false) ?? standard.MilestoneReminderWorkingDays,
                Integer(map, "nudges", "actionItemReminderWorkingDays", 0, 20, required: false) ?? standard.ActionItemReminderWorkingDays,
                Integer(map, "nudges", "checkInGraceWorkingDays", 0, 20, required: false) ?? standard.CheckInGraceWorkingDays,
                Integer(map, "nudges", "reviewWaitingWorkingDays", 1, 30, required: false) ?? standard.ReviewWaitingWorkingDays,
                start,
                end,
                [.. disabled.OfType<string>().Select(Enum.Parse<NudgeKind>)]);
        }

        private StageTemplate? Stage(SourceNode node, string path)
        {
            if (AsMapping(node, path, "a stage") is not { } map)
            {
                return null;
            }

            var (key, name, description) = Header(map, path, StageKeys);
            var duration = Integer(map, path, "durationWorkingDays", min: 1, max: MaxStageDurationWorkingDays, required: true);
            var milestones = List(map, path, "milestones", required: true, (n, p) => Milestone(n, p, duration));
            var rubric = List(map, path, "rubric", required: false, Criterion);

            return new StageTemplate(key, name, description, duration ?? 0,
                [.. milestones.OfType<MilestoneTemplate>()], [.. rubric.OfType<RubricCriterionTemplate>()]);
        }

        private MilestoneTemplate? Milestone(SourceNode node, string path, int? stageDuration)
        {
            if (AsMapping(node, path, "a milestone") is not { } map)
            {
                return null;
            }

            var (key, name, description) = Header(map, path, MilestoneKeys);
            var offset = Integer(map, path, "offsetWorkingDays", min: 0, max: null, required: true);
            if (offset is { } o && stageDuration is { } d && o >= d)
            {
                Error(map["offsetWorkingDays"]!,
                    $"{Join(path, "offsetWorkingDays")} must be less than the stage's durationWorkingDays ({d}), got {o}");
            }

            var deliverable = Deliverable(map, path);
            return new MilestoneTemplate(key, name, description, offset ?? 0, deliverable);
        }

        private RubricCriterionTemplate? Criterion(SourceNode node, string path)
        {
            if (AsMapping(node, path, "a rubric criterion") is not { } map)
            {
                return null;
            }

            var (key, name, description) = Header(map, path, CriterionKeys);
            var maxScore = Integer(map, path, "maxScore", min: 1, max: 10, required: true);
            var weight = Integer(map, path, "weight", min: 1, max: 100, required: true);
            return new RubricCriterionTemplate(key, name, description, maxScore ?? 0, weight ?? 0);
        }

        /// <summary>Checks the keys of a stage, milestone or criterion and reads the parts they all have.</summary>
        private (string Key, LocalizedText Name, LocalizedText Description) Header(SourceMapping map, string path, string[] allowedKeys)
        {
            CheckKeys(map, path, allowedKeys);
            return (Key(map, path), Text(map, path, "name", MaxNameLength), Text(map, path, "description", MaxDescriptionLength));
        }

        private string TimeZone(SourceMapping map)
        {
            var node = map["timeZone"];
            if (node is null)
            {
                return ProgramTemplate.DefaultTimeZone;
            }

            var id = String(node, "timeZone");
            if (id is null)
            {
                return "";
            }

            if (id.Length == 0)
            {
                Error(node, "timeZone must not be empty; leave it out to use Asia/Tokyo");
                return "";
            }

            try
            {
                // On Linux a Windows id such as "Tokyo Standard Time" also resolves; the format promises IANA ids.
                if (TimeZoneInfo.FindSystemTimeZoneById(id).HasIanaId)
                {
                    return id;
                }
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
            }

            Error(node, $"timeZone '{id}' is not a known IANA time zone id (for example Asia/Tokyo)");
            return "";
        }

        private DeliverableType Deliverable(SourceMapping map, string path)
        {
            var name = Join(path, "deliverable");
            var node = map["deliverable"];
            if (node is null || String(node, name) is not { } value)
            {
                return DeliverableType.None;
            }

            // Matched by name only: Enum.TryParse would also accept numbers such as "3".
            var match = Enum.GetValues<DeliverableType>()
                .Where(t => string.Equals(t.ToString(), value, StringComparison.OrdinalIgnoreCase))
                .Select(t => (DeliverableType?)t)
                .FirstOrDefault();
            if (match is null)
            {
                var allowed = string.Join(", ", Enum.GetNames<DeliverableType>().Select(n => n.ToLowerInvariant()));
                Error(node, $"{name} must be one of {allowed}, got '{value}'");
                return DeliverableType.None;
            }

            return match.Value;
        }

        private string Key(SourceMapping map, string path)
        {
            var name = Join(path, "key");
            if (Required(map, path, "key") is not { } node || String(node, name) is not { } key)
            {
                return "";
            }

            if (!IsValidKey(key))
            {
                Error(node, $"{name} must be 1 to {MaxKeyLength} characters of lowercase a-z, 0-9 and '-', got '{key}'");
            }

            return key;
        }

        private LocalizedText Text(SourceMapping parent, string path, string key, int maxLength)
        {
            var name = Join(path, key);
            if (Required(parent, path, key) is not { } node)
            {
                return NoText;
            }

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

        private int? Integer(SourceMapping map, string path, string key, int min, int? max, bool required)
        {
            var name = Join(path, key);
            var node = required ? Required(map, path, key) : map[key];
            if (node is null)
            {
                return null;
            }

            if (node is not SourceScalar { IsPlain: true } scalar || !IntegerPattern().IsMatch(scalar.Value))
            {
                var quoted = node is SourceScalar { IsPlain: false } ? " (quoted, so a text)" : "";
                Error(node, $"{name} must be a whole number, got {Describe(node)}{quoted}");
                return null;
            }

            if (!int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                || value < min || value > max)
            {
                var range = max is null ? $"at least {min}" : $"between {min} and {max}";
                Error(node, $"{name} must be {range}, got {scalar.Value}");
                return null;
            }

            return value;
        }

        private List<T?> List<T>(SourceMapping map, string path, string key, bool required, Func<SourceNode, string, T?> item)
            where T : class
        {
            var name = Join(path, key);
            var node = required ? Required(map, path, key) : map[key];
            if (node is null || node is SourceScalar { IsNull: true } && !required)
            {
                return [];
            }

            if (node is not SourceSequence sequence)
            {
                Error(node, $"{name} must be a list, got {Describe(node)}");
                return [];
            }

            if (required && sequence.Items.Count == 0)
            {
                Error(node, $"{name} must have at least one entry");
            }

            var items = sequence.Items.Select((n, i) => item(n, $"{name}[{i}]")).ToList();
            CheckUnique(sequence, name);
            return items;
        }

        /// <summary>Keys identify stages, milestones and criteria in URLs and stored data, so a list may not repeat one.</summary>
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
                ? $"The template must be a mapping of keys ({string.Join(", ", ProgramKeys)}), got {Describe(node)}"
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
