using System.Collections.Frozen;
using System.Globalization;

namespace Cohort.Web.Domain.Calendar;

/// <summary>
/// Which days an office is open: Monday to Friday, except Japanese national holidays,
/// optionally the year-end closure (年末年始, Dec 29 – Jan 3) and extra closed days.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly FrozenSet<DateOnly> _extraClosedDays;

    public WorkingDayCalendar(bool yearEndClosure, IEnumerable<DateOnly>? extraClosedDays = null)
    {
        YearEndClosure = yearEndClosure;
        _extraClosedDays = (extraClosedDays ?? []).ToFrozenSet();
    }

    public static WorkingDayCalendar Japan { get; } = new(yearEndClosure: false);

    /// <summary>As municipal offices are: also closed Dec 29 – Jan 3.</summary>
    public static WorkingDayCalendar JapanWithYearEndClosure { get; } = new(yearEndClosure: true);

    public bool YearEndClosure { get; }

    // The holiday lookup goes first so that a date outside the supported years always throws,
    // rather than only when it happens to be a weekday.
    public bool IsWorkingDay(DateOnly date) =>
        !JapaneseHolidays.IsHoliday(date)
        && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !IsYearEndClosed(date)
        && !_extraClosedDays.Contains(date);

    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// days &gt; 0: the n-th working day after start (start never counts); 0: start if it is a working day,
    /// else the next one; days &lt; 0: the n-th working day before start.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        if (days == 0)
        {
            return NextWorkingDayOnOrAfter(start);
        }

        var step = days > 0 ? 1 : -1;
        // long, because Math.Abs(int.MinValue) overflows.
        var remaining = Math.Abs((long)days);
        var date = start;
        while (remaining > 0)
        {
            date = date.AddDays(step);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return date;
    }

    /// <summary>
    /// Working days in (from, to]. When to &lt; from the bounds keep their meaning (to included,
    /// from excluded) and the count is negated, so AddWorkingDays(from, result) returns to
    /// whenever to is a working day, in both directions.
    /// </summary>
    public int WorkingDaysBetween(DateOnly fromExclusive, DateOnly toInclusive) =>
        toInclusive >= fromExclusive
            ? CountWorkingDays(fromExclusive.AddDays(1), toInclusive)
            : -CountWorkingDays(toInclusive, fromExclusive.AddDays(-1));

    /// <summary>Why the office is closed on <paramref name="date"/>, in Japanese or English; null on a working day.</summary>
    public string? ClosedReason(DateOnly date, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var japanese = culture.TwoLetterISOLanguageName == "ja";

        // The most specific reason wins: a holiday's name says more than "Saturday".
        if (JapaneseHolidays.Find(date) is { } holiday)
        {
            return japanese ? holiday.NameJa : holiday.NameEn;
        }

        if (IsYearEndClosed(date))
        {
            return japanese ? "年末年始" : "Year-end holidays";
        }

        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => japanese ? "土曜日" : "Saturday",
            DayOfWeek.Sunday => japanese ? "日曜日" : "Sunday",
            _ when _extraClosedDays.Contains(date) => japanese ? "休業日" : "Office closed",
            _ => null,
        };
    }

    private bool IsYearEndClosed(DateOnly date) =>
        YearEndClosure && ((date.Month == 12 && date.Day >= 29) || (date.Month == 1 && date.Day <= 3));

    private int CountWorkingDays(DateOnly first, DateOnly last)
    {
        var count = 0;
        for (var date = first; date <= last; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }
}
