using System.Globalization;
using Cohort.Web.Domain.Calendar;

namespace Cohort.UnitTests.Calendar;

public class JapaneseHolidaysTests
{
    // Expected lists are the Cabinet Office's published holidays (内閣府「国民の祝日について」).
    [Fact]
    public void Holidays_of_2025_match_the_official_list()
    {
        AssertHolidays(2025,
            "2025-01-01 元日",
            "2025-01-13 成人の日",
            "2025-02-11 建国記念の日",
            "2025-02-23 天皇誕生日",
            "2025-02-24 振替休日",
            "2025-03-20 春分の日",
            "2025-04-29 昭和の日",
            "2025-05-03 憲法記念日",
            "2025-05-04 みどりの日",
            "2025-05-05 こどもの日",
            "2025-05-06 振替休日",
            "2025-07-21 海の日",
            "2025-08-11 山の日",
            "2025-09-15 敬老の日",
            "2025-09-23 秋分の日",
            "2025-10-13 スポーツの日",
            "2025-11-03 文化の日",
            "2025-11-23 勤労感謝の日",
            "2025-11-24 振替休日");
    }

    [Fact]
    public void Holidays_of_2026_match_the_official_list()
    {
        AssertHolidays(2026,
            "2026-01-01 元日",
            "2026-01-12 成人の日",
            "2026-02-11 建国記念の日",
            "2026-02-23 天皇誕生日",
            "2026-03-20 春分の日",
            "2026-04-29 昭和の日",
            "2026-05-03 憲法記念日",
            "2026-05-04 みどりの日",
            "2026-05-05 こどもの日",
            "2026-05-06 振替休日",
            "2026-07-20 海の日",
            "2026-08-11 山の日",
            "2026-09-21 敬老の日",
            "2026-09-22 国民の休日",
            "2026-09-23 秋分の日",
            "2026-10-12 スポーツの日",
            "2026-11-03 文化の日",
            "2026-11-23 勤労感謝の日");
    }

    [Fact]
    public void Holidays_of_2027_match_the_official_list()
    {
        AssertHolidays(2027,
            "2027-01-01 元日",
            "2027-01-11 成人の日",
            "2027-02-11 建国記念の日",
            "2027-02-23 天皇誕生日",
            "2027-03-21 春分の日",
            "2027-03-22 振替休日",
            "2027-04-29 昭和の日",
            "2027-05-03 憲法記念日",
            "2027-05-04 みどりの日",
            "2027-05-05 こどもの日",
            "2027-07-19 海の日",
            "2027-08-11 山の日",
            "2027-09-20 敬老の日",
            "2027-09-23 秋分の日",
            "2027-10-11 スポーツの日",
            "2027-11-03 文化の日",
            "2027-11-23 勤労感謝の日");
    }

    [Fact]
    public void Holidays_of_2019_include_the_enthronement_days_and_no_emperors_birthday()
    {
        AssertHolidays(2019,
            "2019-01-01 元日",
            "2019-01-14 成人の日",
            "2019-02-11 建国記念の日",
            "2019-03-21 春分の日",
            "2019-04-29 昭和の日",
            "2019-04-30 国民の休日",
            "2019-05-01 天皇の即位の日",
            "2019-05-02 国民の休日",
            "2019-05-03 憲法記念日",
            "2019-05-04 みどりの日",
            "2019-05-05 こどもの日",
            "2019-05-06 振替休日",
            "2019-07-15 海の日",
            "2019-08-11 山の日",
            "2019-08-12 振替休日",
            "2019-09-16 敬老の日",
            "2019-09-23 秋分の日",
            "2019-10-14 体育の日",
            "2019-10-22 即位礼正殿の儀",
            "2019-11-03 文化の日",
            "2019-11-04 振替休日",
            "2019-11-23 勤労感謝の日");
    }

    [Theory]
    [InlineData("2025-01-01", "New Year's Day")]
    [InlineData("2025-01-13", "Coming of Age Day")]
    [InlineData("2025-02-11", "National Foundation Day")]
    [InlineData("2025-02-23", "Emperor's Birthday")]
    [InlineData("2025-02-24", "Substitute Holiday")]
    [InlineData("2025-03-20", "Vernal Equinox Day")]
    [InlineData("2025-04-29", "Showa Day")]
    [InlineData("2025-05-03", "Constitution Memorial Day")]
    [InlineData("2025-05-04", "Greenery Day")]
    [InlineData("2025-05-05", "Children's Day")]
    [InlineData("2025-07-21", "Marine Day")]
    [InlineData("2025-08-11", "Mountain Day")]
    [InlineData("2025-09-15", "Respect for the Aged Day")]
    [InlineData("2025-09-23", "Autumnal Equinox Day")]
    [InlineData("2025-10-13", "Sports Day")]
    [InlineData("2019-10-14", "Health and Sports Day")]
    [InlineData("2025-11-03", "Culture Day")]
    [InlineData("2025-11-23", "Labour Thanksgiving Day")]
    [InlineData("2026-09-22", "Citizens' Holiday")]
    public void Holidays_have_English_names(string date, string nameEn)
    {
        Assert.Equal(nameEn, JapaneseHolidays.Find(Day(date))?.NameEn);
    }

    [Theory]
    [InlineData("2020-07-23", "海の日")]
    [InlineData("2020-07-24", "スポーツの日")]
    [InlineData("2020-08-10", "山の日")]
    [InlineData("2021-07-22", "海の日")]
    [InlineData("2021-07-23", "スポーツの日")]
    [InlineData("2021-08-08", "山の日")]
    [InlineData("2021-08-09", "振替休日")]
    public void Olympic_years_move_marine_sports_and_mountain_day(string date, string nameJa)
    {
        Assert.Equal(nameJa, JapaneseHolidays.Find(Day(date))?.NameJa);
    }

    [Theory]
    [InlineData("2020-07-20")]
    [InlineData("2020-08-11")]
    [InlineData("2020-10-12")]
    [InlineData("2021-07-19")]
    [InlineData("2021-08-11")]
    [InlineData("2021-10-11")]
    public void Olympic_years_have_no_holiday_on_the_usual_dates(string date)
    {
        Assert.False(JapaneseHolidays.IsHoliday(Day(date)));
    }

    [Theory]
    [InlineData("2024-03-20", "春分の日")]
    [InlineData("2024-09-22", "秋分の日")]
    [InlineData("2030-03-20", "春分の日")]
    [InlineData("2030-09-23", "秋分の日")]
    [InlineData("2012-09-22", "秋分の日")]
    [InlineData("2016-09-22", "秋分の日")]
    [InlineData("2023-03-21", "春分の日")]
    [InlineData("1979-09-24", "秋分の日")]
    [InlineData("1960-03-20", "春分の日")]
    [InlineData("1977-03-21", "春分の日")]
    public void Equinox_days_follow_the_astronomical_approximation(string date, string nameJa)
    {
        Assert.Equal(nameJa, JapaneseHolidays.Find(Day(date))?.NameJa);
    }

    [Theory]
    [InlineData("2024-09-23")]
    [InlineData("2030-03-21")]
    [InlineData("2030-09-22")]
    public void Days_next_to_an_equinox_are_not_equinox_days(string date)
    {
        Assert.NotEqual("春分の日", JapaneseHolidays.Find(Day(date))?.NameJa);
        Assert.NotEqual("秋分の日", JapaneseHolidays.Find(Day(date))?.NameJa);
    }

    [Fact]
    public void Substitute_holiday_skips_over_following_holidays_from_2007()
    {
        // 2008-05-04 (みどりの日) was a Sunday; 5/5 is already a holiday, so the 6th is the substitute.
        Assert.Equal("振替休日", JapaneseHolidays.Find(Day("2008-05-06"))?.NameJa);
        Assert.Equal("こどもの日", JapaneseHolidays.Find(Day("2008-05-05"))?.NameJa);
    }

    [Fact]
    public void Substitute_holidays_start_with_the_1973_amendment()
    {
        // Mar 21 1971 and Feb 11 1973 were Sundays before the amendment;
        // Apr 29 1973 was the first Sunday holiday after it.
        Assert.False(JapaneseHolidays.IsHoliday(Day("1971-03-22")));
        Assert.False(JapaneseHolidays.IsHoliday(Day("1973-02-12")));
        Assert.Equal("振替休日", JapaneseHolidays.Find(Day("1973-04-30"))?.NameJa);
    }

    [Theory]
    [InlineData("2015-09-22")]
    [InlineData("2026-09-22")]
    [InlineData("2009-09-22")]
    [InlineData("1988-05-04")]
    public void A_weekday_between_two_holidays_is_a_citizens_holiday(string date)
    {
        Assert.Equal("国民の休日", JapaneseHolidays.Find(Day(date))?.NameJa);
    }

    [Fact]
    public void Citizens_holiday_yields_to_substitute_and_skips_sundays()
    {
        // 1987-05-03 was a Sunday: the 4th is its substitute. 1986-05-04 and 1997-05-04 were Sundays.
        Assert.Equal("振替休日", JapaneseHolidays.Find(Day("1987-05-04"))?.NameJa);
        Assert.False(JapaneseHolidays.IsHoliday(Day("1986-05-04")));
        Assert.False(JapaneseHolidays.IsHoliday(Day("1997-05-04")));
    }

    [Fact]
    public void Citizens_holiday_did_not_exist_before_the_1985_amendment()
    {
        // May 4 1982 (Tuesday) sat between two holidays but was an ordinary day.
        Assert.False(JapaneseHolidays.IsHoliday(Day("1982-05-04")));
    }

    [Theory]
    [InlineData("1988-04-29", "天皇誕生日")]
    [InlineData("1989-04-29", "みどりの日")]
    [InlineData("2006-04-29", "みどりの日")]
    [InlineData("2007-04-29", "昭和の日")]
    [InlineData("2007-05-04", "みどりの日")]
    [InlineData("1989-12-23", "天皇誕生日")]
    [InlineData("2018-12-23", "天皇誕生日")]
    [InlineData("2020-02-23", "天皇誕生日")]
    [InlineData("1999-01-15", "成人の日")]
    [InlineData("2000-01-10", "成人の日")]
    [InlineData("1996-07-20", "海の日")]
    [InlineData("2003-07-21", "海の日")]
    [InlineData("2002-09-15", "敬老の日")]
    [InlineData("2003-09-15", "敬老の日")]
    [InlineData("1999-10-10", "体育の日")]
    [InlineData("2000-10-09", "体育の日")]
    [InlineData("2016-08-11", "山の日")]
    [InlineData("1989-02-24", "昭和天皇の大喪の礼")]
    [InlineData("1990-11-12", "即位礼正殿の儀")]
    [InlineData("1993-06-09", "皇太子徳仁親王の結婚の儀")]
    public void Historical_rules_apply_in_their_years(string date, string nameJa)
    {
        Assert.Equal(nameJa, JapaneseHolidays.Find(Day(date))?.NameJa);
    }

    [Theory]
    [InlineData("2019-02-23")]
    [InlineData("2019-12-23")]
    [InlineData("2000-01-15")]
    [InlineData("1995-07-20")]
    [InlineData("2015-08-11")]
    [InlineData("2000-10-10")]
    [InlineData("1966-02-11")]
    public void Rules_do_not_apply_outside_their_years(string date)
    {
        Assert.Null(JapaneseHolidays.Find(Day(date)));
        Assert.False(JapaneseHolidays.IsHoliday(Day(date)));
    }

    [Theory]
    [InlineData(1948)]
    [InlineData(2100)]
    public void Years_outside_the_rules_are_rejected(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.For(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.IsHoliday(new DateOnly(year, 6, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.Find(new DateOnly(year, 6, 1)));
    }

    [Fact]
    public void Every_supported_year_is_sorted_unique_and_starts_with_new_years_day()
    {
        for (var year = JapaneseHolidays.MinSupportedYear; year <= JapaneseHolidays.MaxSupportedYear; year++)
        {
            var holidays = JapaneseHolidays.For(year);
            Assert.Equal(new DateOnly(year, 1, 1), holidays[0].Date);
            Assert.All(holidays, h => Assert.Equal(year, h.Date.Year));
            for (var i = 1; i < holidays.Count; i++)
            {
                Assert.True(holidays[i - 1].Date < holidays[i].Date, $"{year}: {holidays[i - 1].Date} before {holidays[i].Date}");
            }
        }
    }

    [Fact]
    public void Every_sunday_holiday_since_1973_has_a_substitute_on_a_later_weekday()
    {
        for (var year = 1974; year <= JapaneseHolidays.MaxSupportedYear; year++)
        {
            var holidays = JapaneseHolidays.For(year);
            foreach (var sunday in holidays.Where(h => h.Date.DayOfWeek == DayOfWeek.Sunday))
            {
                // The substitute follows the run of holidays that starts on that Sunday.
                var next = sunday.Date.AddDays(1);
                while (JapaneseHolidays.Find(next) is { NameJa: not "振替休日" })
                {
                    next = next.AddDays(1);
                }

                Assert.Equal("振替休日", JapaneseHolidays.Find(next)?.NameJa);
            }
        }
    }

    [Fact]
    public void Computed_years_are_cached_and_read_only()
    {
        var lists = new IReadOnlyList<Holiday>[8];
        Parallel.For(0, lists.Length, i => lists[i] = JapaneseHolidays.For(2031));

        Assert.All(lists, list => Assert.Same(lists[0], list));
        var asCollection = Assert.IsAssignableFrom<ICollection<Holiday>>(lists[0]);
        Assert.True(asCollection.IsReadOnly);
    }

    [Fact]
    public void Find_returns_null_on_an_ordinary_day()
    {
        Assert.Null(JapaneseHolidays.Find(Day("2025-06-10")));
        Assert.False(JapaneseHolidays.IsHoliday(Day("2025-06-10")));
    }

    private static void AssertHolidays(int year, params string[] expected)
    {
        var actual = JapaneseHolidays.For(year)
            .Select(h => h.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " " + h.NameJa)
            .ToArray();
        Assert.Equal(expected, actual);
    }

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
