using System.Globalization;
using Cohort.Web.Domain.Calendar;

namespace Cohort.UnitTests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Theory]
    [InlineData("2025-06-09", true)]   // Monday
    [InlineData("2025-06-13", true)]   // Friday
    [InlineData("2025-06-14", false)]  // Saturday
    [InlineData("2025-06-15", false)]  // Sunday
    [InlineData("2025-07-21", false)]  // 海の日
    [InlineData("2025-11-24", false)]  // 振替休日
    [InlineData("2026-09-22", false)]  // 国民の休日
    [InlineData("2025-12-29", true)]   // no year-end closure in the plain calendar
    public void Japan_is_open_on_weekdays_that_are_not_holidays(string date, bool open)
    {
        Assert.Equal(open, WorkingDayCalendar.Japan.IsWorkingDay(Day(date)));
    }

    [Fact]
    public void Golden_week_2019_closes_ten_days_in_a_row()
    {
        var closed = Enumerable.Range(0, 10).Select(i => Day("2019-04-27").AddDays(i));

        Assert.All(closed, d => Assert.False(WorkingDayCalendar.Japan.IsWorkingDay(d), $"{d} should be closed"));
        Assert.True(WorkingDayCalendar.Japan.IsWorkingDay(Day("2019-04-26")));
        Assert.True(WorkingDayCalendar.Japan.IsWorkingDay(Day("2019-05-07")));
        Assert.Equal(Day("2019-05-07"), WorkingDayCalendar.Japan.NextWorkingDayOnOrAfter(Day("2019-04-27")));
    }

    [Theory]
    [InlineData("2025-12-26", true)]
    [InlineData("2026-12-28", true)]   // a Monday just before the closure
    [InlineData("2025-12-29", false)]
    [InlineData("2025-12-30", false)]
    [InlineData("2025-12-31", false)]
    [InlineData("2026-01-01", false)]
    [InlineData("2026-01-02", false)]
    [InlineData("2026-01-03", false)]
    [InlineData("2026-01-05", true)]
    public void Year_end_closure_runs_from_december_29_to_january_3(string date, bool open)
    {
        Assert.Equal(open, WorkingDayCalendar.JapanWithYearEndClosure.IsWorkingDay(Day(date)));
    }

    [Theory]
    [InlineData("2025-12-26", 1, "2026-01-05")]
    [InlineData("2026-01-05", -1, "2025-12-26")]
    [InlineData("2025-12-30", 0, "2026-01-05")]
    public void Year_end_closure_is_skipped_when_counting(string start, int days, string expected)
    {
        Assert.Equal(Day(expected), WorkingDayCalendar.JapanWithYearEndClosure.AddWorkingDays(Day(start), days));
    }

    [Fact]
    public void Plain_calendar_works_through_the_year_end()
    {
        Assert.Equal(Day("2025-12-29"), WorkingDayCalendar.Japan.AddWorkingDays(Day("2025-12-26"), 1));
        Assert.Equal(Day("2026-01-02"), WorkingDayCalendar.Japan.AddWorkingDays(Day("2025-12-31"), 1));
    }

    [Theory]
    [InlineData("2025-06-06", 1, "2025-06-09")]   // Friday -> Monday
    [InlineData("2025-06-06", 5, "2025-06-13")]
    [InlineData("2025-06-09", -1, "2025-06-06")]  // Monday -> Friday
    [InlineData("2025-06-07", 1, "2025-06-09")]   // from a Saturday
    [InlineData("2025-06-07", -1, "2025-06-06")]
    [InlineData("2025-06-10", 1, "2025-06-11")]   // a working start is not counted
    [InlineData("2025-06-10", -1, "2025-06-09")]
    [InlineData("2025-06-10", 0, "2025-06-10")]   // zero keeps a working day
    [InlineData("2025-06-07", 0, "2025-06-09")]   // zero moves off a weekend
    [InlineData("2025-06-02", 20, "2025-06-30")]
    public void AddWorkingDays_skips_weekends_in_both_directions(string start, int days, string expected)
    {
        Assert.Equal(Day(expected), WorkingDayCalendar.Japan.AddWorkingDays(Day(start), days));
    }

    [Theory]
    [InlineData("2025-05-02", 1, "2025-05-07")]   // 5/3–5/6 closed
    [InlineData("2025-04-28", 3, "2025-05-02")]   // 4/29 skipped
    [InlineData("2025-04-28", 4, "2025-05-07")]
    [InlineData("2025-05-07", -1, "2025-05-02")]
    [InlineData("2025-05-08", -4, "2025-04-30")]
    [InlineData("2025-05-08", -5, "2025-04-28")]
    [InlineData("2025-05-03", 0, "2025-05-07")]
    [InlineData("2019-04-26", 1, "2019-05-07")]
    [InlineData("2019-05-07", -1, "2019-04-26")]
    public void AddWorkingDays_skips_golden_week_in_both_directions(string start, int days, string expected)
    {
        Assert.Equal(Day(expected), WorkingDayCalendar.Japan.AddWorkingDays(Day(start), days));
    }

    [Theory]
    [InlineData("2025-05-01", "2025-05-07", 2)]    // 5/2 and 5/7
    [InlineData("2025-05-07", "2025-05-01", -2)]   // 5/1 and 5/2, counted backwards
    [InlineData("2025-06-10", "2025-06-10", 0)]
    [InlineData("2025-03-31", "2025-04-30", 21)]   // 22 weekdays in April 2025, minus 4/29
    [InlineData("2025-06-06", "2025-06-08", 0)]    // only a weekend
    [InlineData("2025-12-31", "2026-12-31", 244)]  // 261 weekdays, 17 of them holidays
    public void WorkingDaysBetween_counts_the_half_open_range(string from, string to, int expected)
    {
        Assert.Equal(expected, WorkingDayCalendar.Japan.WorkingDaysBetween(Day(from), Day(to)));
    }

    [Fact]
    public void WorkingDaysBetween_undoes_AddWorkingDays()
    {
        var calendar = WorkingDayCalendar.JapanWithYearEndClosure;
        for (var start = Day("2025-12-20"); start <= Day("2026-01-10"); start = start.AddDays(1))
        {
            for (var days = -25; days <= 25; days++)
            {
                if (days == 0)
                {
                    continue;
                }

                var end = calendar.AddWorkingDays(start, days);
                Assert.True(calendar.IsWorkingDay(end));
                Assert.Equal(days, calendar.WorkingDaysBetween(start, end));
            }
        }
    }

    [Fact]
    public void Extra_closed_days_are_not_working_days()
    {
        var calendar = new WorkingDayCalendar(yearEndClosure: false, extraClosedDays: [Day("2025-06-10")]);

        Assert.False(calendar.IsWorkingDay(Day("2025-06-10")));
        Assert.True(WorkingDayCalendar.Japan.IsWorkingDay(Day("2025-06-10")));
        Assert.Equal(Day("2025-06-11"), calendar.AddWorkingDays(Day("2025-06-09"), 1));
        Assert.Equal(4, calendar.WorkingDaysBetween(Day("2025-06-08"), Day("2025-06-13")));
        Assert.Equal("休業日", calendar.ClosedReason(Day("2025-06-10"), Japanese));
        Assert.Equal("Office closed", calendar.ClosedReason(Day("2025-06-10"), English));
    }

    [Theory]
    [InlineData("2025-05-05", "こどもの日", "Children's Day")]
    [InlineData("2025-05-06", "振替休日", "Substitute Holiday")]
    [InlineData("2026-09-22", "国民の休日", "Citizens' Holiday")]
    [InlineData("2026-01-01", "元日", "New Year's Day")]          // a holiday beats the year-end closure
    [InlineData("2025-12-30", "年末年始", "Year-end holidays")]
    [InlineData("2026-01-03", "年末年始", "Year-end holidays")]  // Saturday, but inside the closure
    [InlineData("2025-06-14", "土曜日", "Saturday")]
    [InlineData("2025-06-15", "日曜日", "Sunday")]
    [InlineData("2025-05-04", "みどりの日", "Greenery Day")]      // a holiday beats Sunday
    public void ClosedReason_names_the_reason_in_the_culture(string date, string ja, string en)
    {
        var calendar = WorkingDayCalendar.JapanWithYearEndClosure;

        Assert.Equal(ja, calendar.ClosedReason(Day(date), Japanese));
        Assert.Equal(en, calendar.ClosedReason(Day(date), English));
    }

    [Fact]
    public void ClosedReason_is_null_on_a_working_day_and_follows_the_language_only()
    {
        Assert.Null(WorkingDayCalendar.Japan.ClosedReason(Day("2025-06-10"), Japanese));
        Assert.Null(WorkingDayCalendar.Japan.ClosedReason(Day("2025-12-30"), English));
        Assert.Equal("土曜日", WorkingDayCalendar.Japan.ClosedReason(Day("2025-06-14"), CultureInfo.GetCultureInfo("ja")));
        Assert.Equal("Saturday", WorkingDayCalendar.Japan.ClosedReason(Day("2025-06-14"), CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("Saturday", WorkingDayCalendar.Japan.ClosedReason(Day("2025-06-14"), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Dates_beyond_the_holiday_rules_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDayCalendar.Japan.IsWorkingDay(new DateOnly(2100, 1, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkingDayCalendar.Japan.AddWorkingDays(new DateOnly(2099, 12, 30), 5));
    }

    private static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
