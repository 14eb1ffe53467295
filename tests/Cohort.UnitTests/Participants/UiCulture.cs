using System.Globalization;

namespace Cohort.UnitTests.Participants;

/// <summary>Sets the UI culture for the current test and restores the previous one on dispose.</summary>
internal sealed class UiCulture : IDisposable
{
    private readonly CultureInfo _previousUi = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _previous = CultureInfo.CurrentCulture;

    private UiCulture(string name)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
    }

    public static UiCulture Japanese() => new("ja-JP");

    public static UiCulture English() => new("en");

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _previousUi;
        CultureInfo.CurrentCulture = _previous;
    }
}
