namespace Cohort.Web.Infrastructure;

public static class TextInput
{
    /// <summary>Trimmed text, or null when the user left the field blank.</summary>
    public static string? OrNull(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
