using System.Globalization;

namespace Cohort.Web.Infrastructure.Localization;

/// <summary>How names and dates read in the current UI language.</summary>
public static class Display
{
    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "ja";

    /// <summary>The English name in English when there is one; otherwise the (Japanese) name.</summary>
    public static string Name(string name, string? nameEn) =>
        English && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : name;

    public static string Date(DateOnly date) =>
        English
            ? date.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"))
            : date.ToString("yyyy年M月d日(ddd)", CultureInfo.GetCultureInfo("ja-JP"));

    public static string DateTime(DateTime utc, string timeZone = "Asia/Tokyo")
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        return English
            ? local.ToString("d MMM yyyy HH:mm", CultureInfo.GetCultureInfo("en-GB"))
            : local.ToString("yyyy年M月d日 HH:mm", CultureInfo.GetCultureInfo("ja-JP"));
    }
}
