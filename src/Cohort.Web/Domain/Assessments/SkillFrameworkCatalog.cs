using System.Diagnostics.CodeAnalysis;
using Cohort.Web.Domain.Templates;

namespace Cohort.Web.Domain.Assessments;

/// <summary>
/// The self-assessment frameworks under <c>&lt;templatesRoot&gt;/assessments/&lt;key&gt;/framework.yaml</c>, read once
/// when the catalog is created. A broken framework stays out of <see cref="List"/> and shows up in
/// <see cref="Problems"/>. Without an <c>assessments</c> folder the catalog is simply empty.
/// </summary>
public sealed class SkillFrameworkCatalog
{
    public const string AssessmentsFolder = "assessments";
    public const string FrameworkFileName = "framework.yaml";
    public const string DefaultKey = "dx-core";

    private readonly SortedDictionary<string, SkillFramework> _frameworks = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, IReadOnlyList<TemplateError>> _broken = new(StringComparer.Ordinal);

    public SkillFrameworkCatalog(string templatesRoot)
    {
        ArgumentNullException.ThrowIfNull(templatesRoot);
        var assessments = Path.Combine(templatesRoot, AssessmentsFolder);
        if (!Directory.Exists(assessments))
        {
            return;
        }

        var loader = new SkillFrameworkLoader();
        foreach (var folder in Directory.EnumerateDirectories(assessments))
        {
            var key = Path.GetFileName(folder);
            var path = Path.Combine(folder, FrameworkFileName);
            // Errors name the file relative to the root so they read the same on every machine.
            var file = $"{AssessmentsFolder}/{key}/{FrameworkFileName}";
            if (!File.Exists(path))
            {
                _broken[key] = [new TemplateError(file, 1, 1, $"The folder '{AssessmentsFolder}/{key}' has no {FrameworkFileName}.")];
                continue;
            }

            try
            {
                _frameworks[key] = loader.Parse(File.ReadAllText(path), file, key);
            }
            catch (TemplateLoadException ex)
            {
                _broken[key] = ex.Errors;
            }
        }
    }

    public IReadOnlyList<SkillFrameworkSummary> List() =>
        [.. _frameworks.Values.Select(f => new SkillFrameworkSummary(f.Key, f.Title, f.Description, f.Areas.Count, f.Items.Count()))];

    public IReadOnlyList<TemplateError> Problems() => [.. _broken.Values.SelectMany(errors => errors)];

    public SkillFramework Get(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_frameworks.TryGetValue(key, out var framework))
        {
            return framework;
        }

        if (_broken.TryGetValue(key, out var errors))
        {
            throw new TemplateLoadException(errors);
        }

        throw new KeyNotFoundException($"There is no assessment framework '{key}'.");
    }

    /// <summary>False both for an unknown key and for a framework that failed to load.</summary>
    public bool TryGet(string key, [MaybeNullWhen(false)] out SkillFramework framework)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _frameworks.TryGetValue(key, out framework);
    }
}
