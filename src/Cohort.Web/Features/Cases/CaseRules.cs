using System.Text;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Mediation;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Cases;

/// <summary>What a person writes in a case; shared by writing one from a team, editing and importing.</summary>
public interface ICaseFields
{
    string Title { get; }

    string? Department { get; }

    string DepartmentArea { get; }

    string ProblemType { get; }

    string? Tool { get; }

    string AsIs { get; }

    string ToBe { get; }

    string? PrototypeWhat { get; }

    string? Effects { get; }

    string Lessons { get; }

    string? NextSteps { get; }

    CaseOutcome Outcome { get; }
}

internal static class CaseRules
{
    public const int MaxAttachments = 10;

    public static void Apply<T>(AbstractValidator<T> v, IStringLocalizer<SharedResource> l)
        where T : ICaseFields
    {
        v.RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
        v.RuleFor(c => c.Department).MaximumLength(200);
        v.RuleFor(c => c.DepartmentArea).Must(a => CaseFacets.DepartmentAreas.Contains(a)).WithMessage(l["Choose a department area from the list."]);
        v.RuleFor(c => c.ProblemType).Must(p => CaseFacets.ProblemTypes.Contains(p)).WithMessage(l["Choose a problem type from the list."]);
        v.RuleFor(c => c.Tool).MaximumLength(100);
        v.RuleFor(c => c.AsIs).NotEmpty().MaximumLength(4000);
        v.RuleFor(c => c.ToBe).NotEmpty().MaximumLength(4000);
        v.RuleFor(c => c.PrototypeWhat).MaximumLength(4000);
        v.RuleFor(c => c.Effects).MaximumLength(4000);
        v.RuleFor(c => c.Lessons).NotEmpty().WithMessage(l["Say what did not work and what you learned: other cities learn most from that."]).MaximumLength(4000);
        v.RuleFor(c => c.NextSteps).MaximumLength(4000);
        v.RuleFor(c => c.Outcome).IsInEnum();
    }

    public static void Write(CaseStudy target, ICaseFields fields)
    {
        target.Title = fields.Title.Trim();
        target.Department = Infrastructure.TextInput.OrNull(fields.Department);
        target.DepartmentArea = fields.DepartmentArea;
        target.ProblemType = fields.ProblemType;
        target.Tool = Infrastructure.TextInput.OrNull(fields.Tool);
        target.AsIs = fields.AsIs.Trim();
        target.ToBe = fields.ToBe.Trim();
        target.PrototypeWhat = Infrastructure.TextInput.OrNull(fields.PrototypeWhat);
        target.Effects = Infrastructure.TextInput.OrNull(fields.Effects);
        target.Lessons = fields.Lessons.Trim();
        target.NextSteps = Infrastructure.TextInput.OrNull(fields.NextSteps);
        target.Outcome = fields.Outcome;
    }

    /// <summary>Japanese municipalities count years from April (年度): March 2027 belongs to 2026.</summary>
    public static int FiscalYear(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    /// <summary>The last showcase (not cancelled) the team presented at, if any.</summary>
    public static Task<DateOnly?> ShowcaseDateAsync(CohortDbContext db, Guid programId, Guid teamId, CancellationToken ct) =>
        db.Showcases.Where(s => s.ProgramId == programId && s.CancelledAt == null && s.Slots.Any(x => x.TeamId == teamId)).MaxAsync(s => (DateOnly?)s.Date, ct);

    /// <summary>The text fields a reader sees, by name, for search and for the public page's name check.</summary>
    public static IEnumerable<(string Field, string? Text)> Texts(CaseStudy c) =>
    [
        (nameof(c.Title), c.Title), (nameof(c.Department), c.Department), (nameof(c.Tool), c.Tool), (nameof(c.AsIs), c.AsIs), (nameof(c.ToBe), c.ToBe),
        (nameof(c.PrototypeWhat), c.PrototypeWhat), (nameof(c.Effects), c.Effects), (nameof(c.Lessons), c.Lessons), (nameof(c.NextSteps), c.NextSteps),
    ];

    /// <summary>Refreshes <see cref="CaseStudy.SearchText"/> from the fields, the organisation's name and the follow-ups' effects.</summary>
    public static void Index(CaseStudy c, string organizationName)
    {
        var parts = Texts(c).Select(t => t.Text).Append(organizationName).Append(c.OriginOrganization).Concat(c.FollowUps.Select(f => f.Effect));
        c.SearchText = CaseSearchText.Normalize(string.Join('\n', parts.Where(p => !string.IsNullOrWhiteSpace(p))));
    }

    /// <summary>
    /// A public case's text never names someone who has not consented: an edit or a follow-up that would is refused,
    /// field by field, as going public is.
    /// </summary>
    public static void RequireNoUnconsentedNames(CaseStudy c, Type requestType, IStringLocalizer<SharedResource> l, Func<string, string>? fieldName = null)
    {
        var names = UnconsentedNames(c);
        if (names.Count > 0)
        {
            throw new RequestValidationException(requestType, names.Select(n => new FluentValidation.Results.ValidationFailure(fieldName?.Invoke(n.Field) ?? n.Field,
                l["{0} is named here but has not agreed to be named on the public page: remove the name, or ask them to consent.", n.Name])));
        }
    }

    /// <summary>
    /// Names of people who have not agreed to be named publicly, as they appear in the case's text: their full name, or a
    /// part of it of two characters or more (a family name alone: 山田さん).
    /// </summary>
    public static List<(string Field, string Name)> UnconsentedNames(CaseStudy c)
    {
        var found = new List<(string, string)>();
        var texts = Texts(c).Concat(c.FollowUps.Select(f => ("FollowUps", f.Effect)).Concat(c.FollowUps.Select(f => ("FollowUps", f.Reason))))
            .Where(t => !string.IsNullOrWhiteSpace(t.Item2)).Select(t => (t.Item1, Text: CaseSearchText.Normalize(t.Item2))).ToList();
        foreach (var person in c.Contributors.Where(p => !p.PublicNameConsent))
        {
            var parts = CaseSearchText.Normalize(person.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 2)
                .Prepend(CaseSearchText.Normalize(person.Name).Replace(" ", "", StringComparison.Ordinal)).Distinct().ToList();
            foreach (var (field, text) in texts)
            {
                var compact = text.Replace(" ", "", StringComparison.Ordinal);
                if (parts.Any(p => text.Contains(p, StringComparison.Ordinal) || compact.Contains(p, StringComparison.Ordinal)))
                {
                    found.Add((field, person.Name));
                }
            }
        }

        return found.Distinct().ToList();
    }
}

/// <summary>How search sees text: NFKC (全角 ＡＢＣ → ABC, ｶﾀｶﾅ → カタカナ), lower case, any run of white space as one space.</summary>
public static class CaseSearchText
{
    public const int MaxTerms = 5;

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        var space = false;
        foreach (var ch in folded)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(ch);
        }

        return builder.ToString();
    }

    /// <summary>The words of a query (at most five, each at most 50 characters), normalised like the text.</summary>
    public static IReadOnlyList<string> Terms(string? query) =>
        Normalize(query).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Length > 50 ? t[..50] : t).Distinct().Take(MaxTerms).ToList();

    /// <summary>A LIKE pattern that finds the term anywhere, with the LIKE wildcards in it taken literally (escape character \).</summary>
    public static string Contains(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
