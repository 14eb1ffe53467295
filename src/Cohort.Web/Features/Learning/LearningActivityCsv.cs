using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Cohort.Web.Domain;
using Cohort.Web.Features.Participants;
using Cohort.Web.Infrastructure.Csv;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Learning;

/// <summary>
/// Which heading of the file holds each field, as written in the file. Optional fields are null (or empty)
/// when the file has no such column.
/// </summary>
public sealed record ColumnMap(string Email, string Course, string? Category, string Minutes, string Date, string? Completion, string? Device);

/// <summary>One readable activity row. <see cref="Row"/> is the row number Excel shows (the header is row 1).</summary>
public sealed record ActivityCsvRow(int Row, string Email, string Course, string? Category, int Minutes, DateOnly Date, bool Completed, LearningDevice Device);

/// <summary>
/// What the mapping page shows: the headings of the first non-blank record, up to five data rows (each padded
/// with empty cells to the number of headings), a map guessed from the headings ("" for a required field and
/// null for an optional field that no heading matched) and the encoding the file was read with.
/// </summary>
public sealed record ActivityCsvPreview(IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<string>> Sample, ColumnMap Suggested, string EncodingName);

/// <summary>
/// <see cref="Rows"/> holds the rows without errors; <see cref="Errors"/> every problem found. The caller refuses
/// the whole file when <see cref="IsValid"/> is false.
/// </summary>
public sealed record ActivityCsvResult(IReadOnlyList<ActivityCsvRow> Rows, IReadOnlyList<CsvCellError> Errors, string EncodingName)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads an e-learning platform's activity export with a column mapping chosen by the user: UTF-8 (with or
/// without BOM), UTF-16 with BOM, or Shift_JIS, as the platforms and Excel save them in Japan.
/// </summary>
public static partial class LearningActivityCsv
{
    public const int MaxRows = 50_000;
    public const int MaxCourseLength = 200;
    public const int MaxCategoryLength = 100;
    public const int MaxMinutes = 1440;

    private const int SampleRows = 5;

    private enum Field
    {
        Email,
        Course,
        Category,
        Minutes,
        Date,
        Completion,
        Device,
    }

    // Normalised with NormaliseHeading when built, so full-width letters and half-width katakana match too.
    private static readonly Dictionary<string, Field> HeadingAliases = BuildAliases(new()
    {
        [Field.Email] = ["email", "e-mail", "mail", "メールアドレス", "メール", "ユーザーID(メール)", "learner email", "user email", "email address", "e-mail address", "ログインID(メール)"],
        [Field.Course] = ["course", "course title", "course name", "コース", "コース名", "講座", "講座名", "教材", "教材名", "コンテンツ名", "コンテンツ", "title", "タイトル", "研修名"],
        [Field.Category] = ["category", "カテゴリ", "カテゴリー", "分野", "ジャンル", "カテゴリ名"],
        [Field.Minutes] = ["minutes", "duration", "time spent", "learning time", "学習時間", "受講時間", "視聴時間", "学習時間(分)", "受講時間(分)", "視聴時間(分)", "time spent (minutes)", "duration (minutes)"],
        [Field.Date] = ["date", "日付", "学習日", "受講日", "実施日", "最終学習日", "開始日時", "学習日時", "受講日時", "activity date"],
        [Field.Completion] = ["completed", "completion", "status", "修了", "完了", "修了状況", "受講状況", "進捗", "ステータス", "completion status", "進捗状況"],
        [Field.Device] = ["device", "デバイス", "端末", "利用端末", "device type"],
    });

    // Tried in this order when no heading matches an alias exactly: the more specific fields first, so that
    // "Course completion" becomes the completion column and "Course category" the category column.
    private static readonly (Field Field, string[] Keywords)[] HeadingKeywords =
    [
        (Field.Email, ["mail", "メール"]),
        (Field.Date, ["date", "日付", "日時", "学習日", "受講日", "実施日"]),
        (Field.Minutes, ["minute", "duration", "time spent", "学習時間", "受講時間", "視聴時間", "所要時間"]),
        (Field.Completion, ["complet", "修了", "完了", "進捗", "受講状況"]),
        (Field.Device, ["device", "デバイス", "端末"]),
        (Field.Category, ["category", "カテゴリ", "分野", "ジャンル"]),
        (Field.Course, ["course", "コース", "講座", "教材", "コンテンツ"]),
    ];

    private static readonly HashSet<string> CompletedWords = new(StringComparer.Ordinal)
    {
        "1", "yes", "y", "true", "completed", "complete", "done", "passed", "finished", "修了", "完了", "済", "済み", "受講済", "受講済み", "修了済", "修了済み", "合格", "〇", "○",
    };

    private static readonly HashSet<string> NotCompletedWords = new(StringComparer.Ordinal)
    {
        "", "0", "no", "n", "false", "in progress", "not started", "incomplete", "not completed", "未修了", "未完了", "未", "受講中", "未受講", "×", "-",
    };

    public static ActivityCsvPreview Preview(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);

        var reader = new CsvRecordReader(CsvText.Decode(content, out var encoding));
        var header = ReadHeader(reader);
        if (header is null)
        {
            return new ActivityCsvPreview([], [], new ColumnMap("", "", null, "", "", null, null), encoding.WebName);
        }

        var headings = header.Select(h => h.Trim()).ToList();
        var sample = new List<IReadOnlyList<string>>();
        while (sample.Count < SampleRows && reader.Read() is { } record)
        {
            if (IsBlank(record))
            {
                continue;
            }

            var cells = record.Select(c => c.Trim()).ToList();
            while (cells.Count < headings.Count)
            {
                cells.Add("");
            }

            sample.Add(cells);
        }

        return new ActivityCsvPreview(headings, sample, Suggest(headings), encoding.WebName);
    }

    public static ActivityCsvResult Parse(byte[] content, ColumnMap map, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(localizer);

        var reader = new CsvRecordReader(CsvText.Decode(content, out var encoding));
        var errors = new List<CsvCellError>();
        var rows = new List<ActivityCsvRow>();

        var header = ReadHeader(reader);
        if (header is null)
        {
            if (!reader.Unterminated)
            {
                errors.Add(new CsvCellError(1, "", localizer["The file is empty."]));
            }
        }
        else if (FindColumns(header, reader.Row, map, localizer, errors) is { } columns)
        {
            ReadRows(reader, columns, localizer, rows, errors);
        }

        if (reader.Unterminated)
        {
            errors.Add(new CsvCellError(reader.Row, "", localizer["A quotation mark (\") that starts on this row is never closed, so the file could not be read from this row on."]));
        }

        return new ActivityCsvResult(rows, errors, encoding.WebName);
    }

    /// <summary>
    /// Identifies an activity within a programme by who, which course, how long and when: the same activity imported
    /// again gets the same hash even when the optional columns (category, completion, device) are mapped differently
    /// or have changed since. <paramref name="occurrence"/> tells apart identical rows in one file (1, 2, ...).
    /// </summary>
    public static string RowHash(Guid programId, ActivityCsvRow row, int occurrence)
    {
        ArgumentNullException.ThrowIfNull(row);

        var text = string.Join(
            '\u001f',
            programId.ToString("D"),
            row.Email,
            row.Course,
            row.Minutes.ToString(CultureInfo.InvariantCulture),
            row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            occurrence.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static Dictionary<string, Field> BuildAliases(Dictionary<Field, string[]> byField)
    {
        var result = new Dictionary<string, Field>(StringComparer.Ordinal);
        foreach (var (field, aliases) in byField)
        {
            foreach (var alias in aliases)
            {
                result.Add(CsvText.NormaliseHeading(alias), field);
            }
        }

        return result;
    }

    private static ColumnMap Suggest(List<string> headings)
    {
        var chosen = new Dictionary<Field, string>();
        var used = new HashSet<int>();
        for (var i = 0; i < headings.Count; i++)
        {
            if (headings[i].Length > 0
                && HeadingAliases.TryGetValue(CsvText.NormaliseHeading(headings[i]), out var field)
                && chosen.TryAdd(field, headings[i]))
            {
                used.Add(i);
            }
        }

        foreach (var (field, keywords) in HeadingKeywords)
        {
            if (chosen.ContainsKey(field))
            {
                continue;
            }

            for (var i = 0; i < headings.Count; i++)
            {
                var normalised = CsvText.NormaliseHeading(headings[i]);
                if (!used.Contains(i) && keywords.Any(k => normalised.Contains(k, StringComparison.Ordinal)))
                {
                    chosen[field] = headings[i];
                    used.Add(i);
                    break;
                }
            }
        }

        return new ColumnMap(
            chosen.GetValueOrDefault(Field.Email, ""),
            chosen.GetValueOrDefault(Field.Course, ""),
            chosen.GetValueOrDefault(Field.Category),
            chosen.GetValueOrDefault(Field.Minutes, ""),
            chosen.GetValueOrDefault(Field.Date, ""),
            chosen.GetValueOrDefault(Field.Completion),
            chosen.GetValueOrDefault(Field.Device));
    }

    private sealed record Column(int Index, string Heading);

    /// <summary>The first non-blank record, or null when there is none (or it cannot be read).</summary>
    private static List<string>? ReadHeader(CsvRecordReader reader)
    {
        List<string>? header;
        do
        {
            header = reader.Read();
        }
        while (header is not null && IsBlank(header));

        return header;
    }

    /// <summary>The column of each mapped field; null (with errors) when a mapped heading is not in the file.</summary>
    private static Dictionary<Field, Column>? FindColumns(List<string> header, int headerRow, ColumnMap map, IStringLocalizer localizer, List<CsvCellError> errors)
    {
        (Field Field, string? Heading, bool Required, string Name)[] wanted =
        [
            (Field.Email, map.Email, true, "Learner's e-mail address"),
            (Field.Course, map.Course, true, "Course title"),
            (Field.Category, map.Category, false, "Category"),
            (Field.Minutes, map.Minutes, true, "Minutes spent"),
            (Field.Date, map.Date, true, "Learning date"),
            (Field.Completion, map.Completion, false, "Completed"),
            (Field.Device, map.Device, false, "Device"),
        ];

        var headings = header.Select(h => h.Trim()).ToList();
        var columns = new Dictionary<Field, Column>();
        var ok = true;
        foreach (var (field, mapped, required, name) in wanted)
        {
            var heading = mapped?.Trim() ?? "";
            if (heading.Length == 0)
            {
                if (required)
                {
                    errors.Add(new CsvCellError(headerRow, "", localizer["Choose the column for {0}.", localizer[name].Value]));
                    ok = false;
                }

                continue;
            }

            var index = headings.FindIndex(h => string.Equals(h, heading, StringComparison.Ordinal));
            if (index < 0)
            {
                var normalised = CsvText.NormaliseHeading(heading);
                index = headings.FindIndex(h => string.Equals(CsvText.NormaliseHeading(h), normalised, StringComparison.Ordinal));
            }

            if (index < 0)
            {
                errors.Add(new CsvCellError(headerRow, heading, localizer["The column \"{0}\" chosen for {1} is not in the file.", heading, localizer[name].Value]));
                ok = false;
                continue;
            }

            columns[field] = new Column(index, headings[index]);
        }

        return ok ? columns : null;
    }

    private static void ReadRows(
        CsvRecordReader reader,
        Dictionary<Field, Column> columns,
        IStringLocalizer localizer,
        List<ActivityCsvRow> rows,
        List<CsvCellError> errors)
    {
        var dataRows = 0;
        while (reader.Read() is { } record)
        {
            if (IsBlank(record))
            {
                continue;
            }

            if (++dataRows > MaxRows)
            {
                errors.Add(new CsvCellError(reader.Row, "", localizer["The file has more than {0} rows. Split it into smaller files.", MaxRows]));
                return;
            }

            var row = reader.Row;
            var errorCount = errors.Count;

            var emailColumn = columns[Field.Email];
            var email = Cell(record, emailColumn).ToLowerInvariant();
            if (email.Length == 0)
            {
                errors.Add(new CsvCellError(row, emailColumn.Heading, localizer["The email address is empty."]));
            }
            else if (!CsvText.IsBareAddress(email))
            {
                errors.Add(new CsvCellError(row, emailColumn.Heading, localizer["This is not an e-mail address: {0}", Cell(record, emailColumn)]));
            }

            var courseColumn = columns[Field.Course];
            var course = Cell(record, courseColumn);
            if (course.Length == 0)
            {
                errors.Add(new CsvCellError(row, courseColumn.Heading, localizer["Enter the course title."]));
            }
            else
            {
                CheckLength(course, MaxCourseLength, row, courseColumn, localizer, errors);
            }

            string? category = null;
            if (columns.TryGetValue(Field.Category, out var categoryColumn))
            {
                var value = Cell(record, categoryColumn);
                if (value.Length > 0 && CheckLength(value, MaxCategoryLength, row, categoryColumn, localizer, errors))
                {
                    category = value;
                }
            }

            var minutesColumn = columns[Field.Minutes];
            var minutesText = Cell(record, minutesColumn);
            var minutes = 0;
            switch (TryReadMinutes(minutesText, out var readMinutes))
            {
                case MinutesResult.Unreadable:
                    errors.Add(new CsvCellError(row, minutesColumn.Heading, localizer["Write the minutes as a number (45) or a duration (1:30): {0}", minutesText]));
                    break;
                case MinutesResult.OutOfRange:
                    errors.Add(new CsvCellError(row, minutesColumn.Heading, localizer["Minutes must be between 0 and {0}.", MaxMinutes]));
                    break;
                default:
                    minutes = readMinutes;
                    break;
            }

            var dateColumn = columns[Field.Date];
            var dateText = Cell(record, dateColumn);
            if (!TryReadDate(dateText, out var date))
            {
                errors.Add(new CsvCellError(row, dateColumn.Heading, localizer["Write the date as 2026-04-01 or 2026/4/1: {0}", dateText]));
            }

            var completed = false;
            if (columns.TryGetValue(Field.Completion, out var completionColumn))
            {
                var text = Cell(record, completionColumn);
                if (TryReadCompletion(text) is { } done)
                {
                    completed = done;
                }
                else
                {
                    errors.Add(new CsvCellError(row, completionColumn.Heading, localizer["Write completion as yes/no (or 修了/未修了): {0}", text]));
                }
            }

            var device = columns.TryGetValue(Field.Device, out var deviceColumn) ? ReadDevice(Cell(record, deviceColumn)) : LearningDevice.Unknown;

            if (errors.Count == errorCount)
            {
                rows.Add(new ActivityCsvRow(row, email, course, category, minutes, date, completed, device));
            }
        }
    }

    private enum MinutesResult
    {
        Ok,
        Unreadable,
        OutOfRange,
    }

    [GeneratedRegex(@"^(?<n>[+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(?:分|mins?|minutes?)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumberOfMinutes();

    [GeneratedRegex(@"^(?<h>\d+):(?<m>[0-5]\d)(?::(?<s>[0-5]\d(?:\.\d+)?))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ClockDuration();

    [GeneratedRegex(@"^(?:(?<h>\d+(?:\.\d+)?)\s*時間)?\s*(?:(?<m>\d+(?:\.\d+)?)\s*分)?\s*(?:(?<s>\d+(?:\.\d+)?)\s*秒)?$", RegexOptions.CultureInvariant)]
    private static partial Regex JapaneseDuration();

    /// <summary>
    /// Minutes as a number ("45", "45.5", "45分", "45 min"), a clock duration ("1:30", "0:45:30") or in
    /// Japanese ("1時間30分"), rounded to whole minutes (halves away from zero). An empty cell is 0 minutes.
    /// </summary>
    private static MinutesResult TryReadMinutes(string text, out int minutes)
    {
        minutes = 0;
        text = text.Normalize(NormalizationForm.FormKC).Trim();
        if (text.Length == 0)
        {
            return MinutesResult.Ok;
        }

        decimal total;
        if (NumberOfMinutes().Match(text) is { Success: true } number)
        {
            if (!decimal.TryParse(number.Groups["n"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out total))
            {
                return MinutesResult.OutOfRange;
            }
        }
        else if (ClockDuration().Match(text) is { Success: true } clock)
        {
            if (!TryReadSeconds(clock, out total))
            {
                return MinutesResult.OutOfRange;
            }
        }
        else if (JapaneseDuration().Match(text) is { Success: true } japanese
            && (japanese.Groups["h"].Success || japanese.Groups["m"].Success || japanese.Groups["s"].Success))
        {
            if (!TryReadSeconds(japanese, out total))
            {
                return MinutesResult.OutOfRange;
            }
        }
        else
        {
            return MinutesResult.Unreadable;
        }

        if (total < 0 || total > MaxMinutes + 1)
        {
            return MinutesResult.OutOfRange;
        }

        var rounded = (int)Math.Round(total, MidpointRounding.AwayFromZero);
        if (rounded > MaxMinutes)
        {
            return MinutesResult.OutOfRange;
        }

        minutes = rounded;
        return MinutesResult.Ok;
    }

    /// <summary>The minutes of a duration matched as hours "h", minutes "m" and seconds "s"; false when too large to count.</summary>
    private static bool TryReadSeconds(Match match, out decimal minutes)
    {
        minutes = 0;
        var seconds = 0m;
        foreach (var (name, factor) in new[] { ("h", 3600m), ("m", 60m), ("s", 1m) })
        {
            var group = match.Groups[name];
            if (!group.Success)
            {
                continue;
            }

            if (!decimal.TryParse(group.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > 1_000_000m)
            {
                return false;
            }

            seconds += value * factor;
        }

        // Dividing the total once keeps halves exact: 0:45:30 is 45.5 minutes, which rounds to 46.
        minutes = seconds / 60m;
        return true;
    }

    // The time after a date is only recognised, never used: the date is taken as written, whatever the offset.
    private const string TimeOfDay = @"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}(?::?\d{2})?))?)?";

    [GeneratedRegex(@"^(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})" + TimeOfDay + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^(?<y>\d{4})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日" + TimeOfDay + "$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex JapaneseDate();

    /// <summary>yyyy-MM-dd, yyyy/M/d, yyyy.M.d or yyyy年M月d日, optionally followed by a time of day.</summary>
    private static bool TryReadDate(string text, out DateOnly date)
    {
        date = default;
        text = text.Normalize(NormalizationForm.FormKC).Trim();
        var match = NumericDate().Match(text);
        if (!match.Success)
        {
            match = JapaneseDate().Match(text);
        }

        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)\s*%$", RegexOptions.CultureInvariant)]
    private static partial Regex Percentage();

    /// <summary>True or false for the words platforms use; a percentage is complete at 100%; null when unreadable.</summary>
    private static bool? TryReadCompletion(string text)
    {
        text = text.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        if (CompletedWords.Contains(text))
        {
            return true;
        }

        if (NotCompletedWords.Contains(text))
        {
            return false;
        }

        if (Percentage().Match(text) is { Success: true } percentage
            && decimal.TryParse(percentage.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value >= 100m;
        }

        return null;
    }

    private static LearningDevice ReadDevice(string text)
    {
        text = text.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();
        if (text.Length == 0)
        {
            return LearningDevice.Unknown;
        }

        // Tablets first: "Android tablet" is a tablet, and "iPad" must not fall through to anything else.
        if (ContainsAny(text, "tablet", "ipad", "タブレット"))
        {
            return LearningDevice.Tablet;
        }

        if (ContainsAny(text, "smartphone", "mobile", "phone", "android", "スマートフォン", "スマホ", "携帯"))
        {
            return LearningDevice.Smartphone;
        }

        return ContainsAny(text, "pc", "desktop", "windows", "mac", "パソコン") ? LearningDevice.Pc : LearningDevice.Unknown;
    }

    private static bool ContainsAny(string text, params string[] words) =>
        words.Any(w => text.Contains(w, StringComparison.Ordinal));

    private static bool CheckLength(string value, int max, int row, Column column, IStringLocalizer localizer, List<CsvCellError> errors)
    {
        if (value.Length <= max)
        {
            return true;
        }

        errors.Add(new CsvCellError(row, column.Heading, localizer["This entry is too long ({0} characters). Use at most {1} characters.", value.Length, max]));
        return false;
    }

    private static string Cell(List<string> record, Column column) =>
        column.Index < record.Count ? record[column.Index].Trim() : "";

    private static bool IsBlank(List<string> record) => record.All(string.IsNullOrWhiteSpace);
}
