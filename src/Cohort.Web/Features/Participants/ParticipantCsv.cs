using Cohort.Web.Infrastructure.Csv;
using System.Net.Mail;
using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Participants;

public sealed record ParticipantCsvRow(int Row, string Name, string Email, string? Department, string? Team);

/// <summary>
/// One problem in an uploaded file. <see cref="Row"/> is the row number Excel shows (the header is row 1;
/// a cell with line breaks stays one row). <see cref="Column"/> is the heading as written in the file,
/// the canonical column name when the column is missing, or empty for problems with the whole file.
/// </summary>
public sealed record CsvCellError(int Row, string Column, string Message);

public sealed record ParticipantCsvResult(IReadOnlyList<ParticipantCsvRow> Rows, IReadOnlyList<CsvCellError> Errors, string EncodingName)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Reads a participant list exported from Excel or written by hand: UTF-8 (with or without BOM),
/// UTF-16 with BOM, or Shift_JIS, with Japanese or English headings.
/// <see cref="ParticipantCsvResult.Rows"/> holds only the rows without errors.
/// </summary>
public static class ParticipantCsv
{
    public const int MaxRows = 5000;
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxGroupNameLength = 100;

    public const string NameColumn = "Name";
    public const string EmailColumn = "Email";
    public const string DepartmentColumn = "Department";
    public const string TeamColumn = "Team";

    private enum Field
    {
        Name,
        Email,
        Department,
        Team,
    }

    // Keys are normalised with NormaliseHeading, so full-width and half-width katakana forms match too.
    private static readonly Dictionary<string, Field> HeadingAliases = new(StringComparer.Ordinal)
    {
        ["name"] = Field.Name,
        ["氏名"] = Field.Name,
        ["名前"] = Field.Name,
        ["email"] = Field.Email,
        ["e-mail"] = Field.Email,
        ["メールアドレス"] = Field.Email,
        ["メール"] = Field.Email,
        ["department"] = Field.Department,
        ["部署"] = Field.Department,
        ["所属"] = Field.Department,
        ["team"] = Field.Team,
        ["チーム"] = Field.Team,
        ["チーム名"] = Field.Team,
    };

    public static ParticipantCsvResult Parse(Stream stream, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(localizer);

        var reader = new CsvRecordReader(CsvText.Decode(CsvText.ReadAll(stream), out var encoding));
        var errors = new List<CsvCellError>();
        var rows = new List<ParticipantCsvRow>();

        var columns = ReadHeader(reader, localizer, errors);
        if (columns is not null)
        {
            ReadParticipants(reader, columns, localizer, rows, errors);
        }

        if (reader.Unterminated)
        {
            errors.Add(new CsvCellError(reader.Row, "", localizer["A quotation mark (\") that starts on this row is never closed, so the file could not be read from this row on."]));
        }

        return new ParticipantCsvResult(rows, errors, encoding.WebName);
    }

    private sealed record Column(Field Field, int Index, string Heading);

    /// <summary>Finds the columns in the first non-blank record; null when the file cannot be read further.</summary>
    private static Dictionary<Field, Column>? ReadHeader(CsvRecordReader reader, IStringLocalizer localizer, List<CsvCellError> errors)
    {
        List<string>? header;
        do
        {
            header = reader.Read();
        }
        while (header is not null && IsBlank(header));

        if (header is null)
        {
            if (!reader.Unterminated)
            {
                errors.Add(new CsvCellError(1, "", localizer["The file is empty. Its first row must hold the column headings: Name and Email, and optionally Department and Team."]));
            }

            return null;
        }

        var headerRow = reader.Row;
        var columns = new Dictionary<Field, Column>();
        for (var i = 0; i < header.Count; i++)
        {
            var heading = header[i].Trim();
            if (!HeadingAliases.TryGetValue(CsvText.NormaliseHeading(heading), out var field))
            {
                continue;
            }

            if (columns.TryGetValue(field, out var earlier))
            {
                errors.Add(new CsvCellError(headerRow, heading, localizer["This heading means the same as an earlier column ({0}). Delete one of the two columns.", earlier.Heading]));
                continue;
            }

            columns[field] = new Column(field, i, heading);
        }

        if (!columns.ContainsKey(Field.Name))
        {
            errors.Add(new CsvCellError(headerRow, NameColumn, localizer["The first row has no Name column. Add a column headed \"Name\" (or \"氏名\")."]));
        }

        if (!columns.ContainsKey(Field.Email))
        {
            errors.Add(new CsvCellError(headerRow, EmailColumn, localizer["The first row has no Email column. Add a column headed \"Email\" (or \"メールアドレス\")."]));
        }

        return errors.Count == 0 ? columns : null;
    }

    private static void ReadParticipants(
        CsvRecordReader reader,
        Dictionary<Field, Column> columns,
        IStringLocalizer localizer,
        List<ParticipantCsvRow> rows,
        List<CsvCellError> errors)
    {
        var firstRowByEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        var dataRows = 0;
        var firstExcessRow = 0;

        while (reader.Read() is { } record)
        {
            if (IsBlank(record))
            {
                continue;
            }

            dataRows++;
            if (dataRows > MaxRows)
            {
                // Keep counting so the message can say how many rows the file has.
                if (firstExcessRow == 0)
                {
                    firstExcessRow = reader.Row;
                }

                continue;
            }

            var row = reader.Row;
            var errorCount = errors.Count;

            var nameColumn = columns[Field.Name];
            var name = Cell(record, nameColumn);
            if (name.Length == 0)
            {
                errors.Add(new CsvCellError(row, nameColumn.Heading, localizer["The name is empty."]));
            }
            else
            {
                CheckLength(name, MaxNameLength, row, nameColumn, localizer, errors);
            }

            var email = ReadEmail(record, row, columns[Field.Email], firstRowByEmail, localizer, errors);
            var department = ReadOptional(record, row, columns.GetValueOrDefault(Field.Department), localizer, errors);
            var team = ReadOptional(record, row, columns.GetValueOrDefault(Field.Team), localizer, errors);

            if (errors.Count == errorCount)
            {
                rows.Add(new ParticipantCsvRow(row, name, email!, department, team));
            }
        }

        if (dataRows > MaxRows)
        {
            errors.Add(new CsvCellError(firstExcessRow, "", localizer["The file has {0} participant rows, but at most {1} can be imported at once. Split the file and import each part separately.", dataRows, MaxRows]));
        }
    }

    /// <summary>Returns the normalised address, or null when the cell has an error.</summary>
    private static string? ReadEmail(
        List<string> record,
        int row,
        Column column,
        Dictionary<string, int> firstRowByEmail,
        IStringLocalizer localizer,
        List<CsvCellError> errors)
    {
        var value = Cell(record, column);
        if (value.Length == 0)
        {
            errors.Add(new CsvCellError(row, column.Heading, localizer["The email address is empty."]));
            return null;
        }

        if (!CheckLength(value, MaxEmailLength, row, column, localizer, errors))
        {
            return null;
        }

        if (value.Any(c => c > '~'))
        {
            // Typically a full-width "＠" or letters typed with the Japanese input method switched on.
            errors.Add(new CsvCellError(row, column.Heading, localizer["The email address contains full-width or other characters that cannot be used: {0}", value]));
            return null;
        }

        if (!CsvText.IsBareAddress(value))
        {
            errors.Add(new CsvCellError(row, column.Heading, localizer["The email address is not in a valid format: {0}", value]));
            return null;
        }

        var email = value.ToLowerInvariant();
        if (!firstRowByEmail.TryAdd(email, row))
        {
            errors.Add(new CsvCellError(row, column.Heading, localizer["This email address already appears on row {1}: {0}", value, firstRowByEmail[email]]));
            return null;
        }

        return email;
    }

    private static string? ReadOptional(List<string> record, int row, Column? column, IStringLocalizer localizer, List<CsvCellError> errors)
    {
        if (column is null)
        {
            return null;
        }

        var value = Cell(record, column);
        if (value.Length == 0)
        {
            return null;
        }

        CheckLength(value, MaxGroupNameLength, row, column, localizer, errors);
        return value;
    }

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
