using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace Cohort.Web.Domain.Calendar;

public sealed record Holiday(DateOnly Date, string NameJa, string NameEn);

/// <summary>
/// Japanese national holidays computed from the rules of the Act on National Holidays
/// (国民の祝日に関する法律) as amended, so no year needs a hand-maintained list.
/// </summary>
public static class JapaneseHolidays
{
    // 1949 is the first full year under the Act (in force from 1948-07-20);
    // the published equinox approximations end with 2099.
    public const int MinSupportedYear = 1949;
    public const int MaxSupportedYear = 2099;

    private const string SubstituteNameJa = "振替休日";
    private const string SubstituteNameEn = "Substitute Holiday";
    private const string CitizensNameJa = "国民の休日";
    private const string CitizensNameEn = "Citizens' Holiday";

    // Dates on which amendments took effect.
    private static readonly DateOnly SubstituteHolidaysFrom = new(1973, 4, 12);
    private static readonly DateOnly SubstituteSkipsHolidaysFrom = new(2007, 1, 1);
    private static readonly DateOnly CitizensHolidaysFrom = new(1985, 12, 27);

    // Days declared by special laws for imperial ceremonies.
    private static readonly Holiday[] OneOffDays =
    [
        new(new DateOnly(1959, 4, 10), "皇太子明仁親王の結婚の儀", "Wedding Ceremony of Crown Prince Akihito"),
        new(new DateOnly(1989, 2, 24), "昭和天皇の大喪の礼", "State Funeral of Emperor Showa"),
        new(new DateOnly(1990, 11, 12), "即位礼正殿の儀", "Enthronement Ceremony"),
        new(new DateOnly(1993, 6, 9), "皇太子徳仁親王の結婚の儀", "Wedding Ceremony of Crown Prince Naruhito"),
        new(new DateOnly(2019, 5, 1), "天皇の即位の日", "Emperor's Enthronement Day"),
        new(new DateOnly(2019, 10, 22), "即位礼正殿の儀", "Enthronement Ceremony"),
    ];

    // One Lazy per year: each year is computed once, on first use, safely across threads.
    private static readonly Lazy<YearHolidays>[] Years = Enumerable
        .Range(MinSupportedYear, MaxSupportedYear - MinSupportedYear + 1)
        .Select(year => new Lazy<YearHolidays>(() => Compute(year)))
        .ToArray();

    /// <summary>The holidays of <paramref name="year"/>, sorted by date.</summary>
    public static IReadOnlyList<Holiday> For(int year) => Get(year).Sorted;

    public static Holiday? Find(DateOnly date) => Get(date.Year).ByDate.GetValueOrDefault(date);

    public static bool IsHoliday(DateOnly date) => Get(date.Year).ByDate.ContainsKey(date);

    private static YearHolidays Get(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinSupportedYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxSupportedYear);
        return Years[year - MinSupportedYear].Value;
    }

    private static YearHolidays Compute(int year)
    {
        var national = NationalHolidays(year).ToDictionary(h => h.Date);
        var all = new Dictionary<DateOnly, Holiday>(national);

        foreach (var day in national.Keys.Where(d => d.DayOfWeek == DayOfWeek.Sunday && d >= SubstituteHolidaysFrom))
        {
            var substitute = day.AddDays(1);
            if (day >= SubstituteSkipsHolidaysFrom)
            {
                while (national.ContainsKey(substitute))
                {
                    substitute = substitute.AddDays(1);
                }
            }
            else if (national.ContainsKey(substitute))
            {
                // Before 2007 only the following day could become the substitute.
                continue;
            }

            all[substitute] = new Holiday(substitute, SubstituteNameJa, SubstituteNameEn);
        }

        foreach (var day in national.Keys)
        {
            var between = day.AddDays(1);
            if (between >= CitizensHolidaysFrom
                && between.DayOfWeek != DayOfWeek.Sunday
                && national.ContainsKey(between.AddDays(1))
                && !all.ContainsKey(between))
            {
                all[between] = new Holiday(between, CitizensNameJa, CitizensNameEn);
            }
        }

        var sorted = all.Values.OrderBy(h => h.Date).ToArray();
        return new YearHolidays(Array.AsReadOnly(sorted), all.ToFrozenDictionary());
    }

    /// <summary>The 国民の祝日 proper (named days), before substitute and citizens' holidays.</summary>
    private static IEnumerable<Holiday> NationalHolidays(int year)
    {
        Holiday On(int month, int day, string ja, string en) => new(new DateOnly(year, month, day), ja, en);
        Holiday OnDate(DateOnly date, string ja, string en) => new(date, ja, en);

        yield return On(1, 1, "元日", "New Year's Day");
        yield return year < 2000
            ? On(1, 15, "成人の日", "Coming of Age Day")
            : OnDate(NthMonday(year, 1, 2), "成人の日", "Coming of Age Day");

        if (year >= 1967)
        {
            yield return On(2, 11, "建国記念の日", "National Foundation Day");
        }

        if (year >= 2020)
        {
            yield return On(2, 23, "天皇誕生日", "Emperor's Birthday");
        }

        yield return On(3, VernalEquinoxDay(year), "春分の日", "Vernal Equinox Day");

        yield return year switch
        {
            <= 1988 => On(4, 29, "天皇誕生日", "Emperor's Birthday"),
            <= 2006 => On(4, 29, "みどりの日", "Greenery Day"),
            _ => On(4, 29, "昭和の日", "Showa Day"),
        };

        yield return On(5, 3, "憲法記念日", "Constitution Memorial Day");
        if (year >= 2007)
        {
            yield return On(5, 4, "みどりの日", "Greenery Day");
        }

        yield return On(5, 5, "こどもの日", "Children's Day");

        // 2020 and 2021 moved days around the Tokyo Olympics by special laws.
        DateOnly? marineDay = year switch
        {
            < 1996 => null,
            <= 2002 => new DateOnly(year, 7, 20),
            2020 => new DateOnly(2020, 7, 23),
            2021 => new DateOnly(2021, 7, 22),
            _ => NthMonday(year, 7, 3),
        };
        if (marineDay is { } marine)
        {
            yield return OnDate(marine, "海の日", "Marine Day");
        }

        DateOnly? mountainDay = year switch
        {
            < 2016 => null,
            2020 => new DateOnly(2020, 8, 10),
            2021 => new DateOnly(2021, 8, 8),
            _ => new DateOnly(year, 8, 11),
        };
        if (mountainDay is { } mountain)
        {
            yield return OnDate(mountain, "山の日", "Mountain Day");
        }

        if (year >= 1966)
        {
            yield return year <= 2002
                ? On(9, 15, "敬老の日", "Respect for the Aged Day")
                : OnDate(NthMonday(year, 9, 3), "敬老の日", "Respect for the Aged Day");
        }

        yield return On(9, AutumnalEquinoxDay(year), "秋分の日", "Autumnal Equinox Day");

        if (year >= 1966)
        {
            yield return year switch
            {
                <= 1999 => On(10, 10, "体育の日", "Health and Sports Day"),
                <= 2019 => OnDate(NthMonday(year, 10, 2), "体育の日", "Health and Sports Day"),
                2020 => On(7, 24, "スポーツの日", "Sports Day"),
                2021 => On(7, 23, "スポーツの日", "Sports Day"),
                _ => OnDate(NthMonday(year, 10, 2), "スポーツの日", "Sports Day"),
            };
        }

        yield return On(11, 3, "文化の日", "Culture Day");
        yield return On(11, 23, "勤労感謝の日", "Labour Thanksgiving Day");

        if (year is >= 1989 and <= 2018)
        {
            yield return On(12, 23, "天皇誕生日", "Emperor's Birthday");
        }

        // The 2019 days were deemed 国民の祝日, which is what makes 4/30 and 5/2 citizens' holidays.
        foreach (var oneOff in OneOffDays.Where(h => h.Date.Year == year))
        {
            yield return oneOff;
        }
    }

    private static DateOnly NthMonday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static int VernalEquinoxDay(int year) => EquinoxDay(year, year < 1980 ? 20.8357 : 20.8431);

    private static int AutumnalEquinoxDay(int year) => EquinoxDay(year, year < 1980 ? 23.2588 : 23.2488);

    private static int EquinoxDay(int year, double constant)
    {
        // The pre-1980 variant counts leap years from 1983 and truncates toward zero,
        // which is exactly what C# integer division does for negative numbers.
        var leapDays = year < 1980 ? (year - 1983) / 4 : (year - 1980) / 4;
        return (int)Math.Floor(constant + (0.242194 * (year - 1980)) - leapDays);
    }

    private sealed record YearHolidays(ReadOnlyCollection<Holiday> Sorted, FrozenDictionary<DateOnly, Holiday> ByDate);
}
