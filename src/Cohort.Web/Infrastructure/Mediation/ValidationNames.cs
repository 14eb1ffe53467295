using Cohort.Web.Infrastructure.Hosting;
using Cohort.Web.Infrastructure.Localization;
using FluentValidation;

namespace Cohort.Web.Infrastructure.Mediation;

public static class ValidationNames
{
    private static readonly JsonStringLocalizer Texts = JsonStringLocalizer.Create();

    /// <summary>
    /// For rules written against a lambda (shared between commands): names the property, and its display name
    /// in the request's language, which FluentValidation's resolver does not do for overridden names.
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> For<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string property) =>
        rule.OverridePropertyName(property).WithName(_ => Texts[FieldNames.Humanize(property)]);
}
