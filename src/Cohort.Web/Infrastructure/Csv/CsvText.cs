using System.Net.Mail;
using System.Text;
using System.Text.Unicode;

namespace Cohort.Web.Infrastructure.Csv;

/// <summary>What every CSV import and export shares: decoding as Excel saves files in Japan, headings, e-mail addresses, safe cells.</summary>
public static class CsvText
{
    /// <summary>
    /// A text cell for an export, quoted; a leading =, +, -, @, tab or CR is neutralised with an apostrophe so a
    /// spreadsheet does not run the cell as a formula.
    /// </summary>
    public static string Quote(string value) => "\"" + Neutralise(value).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Text that a spreadsheet would otherwise read as a formula, made inert.</summary>
    public static string Neutralise(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    /// <summary>The file's text without its byte order mark, and the encoding it was read with.</summary>
    public static string Decode(byte[] bytes, out Encoding encoding)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        encoding = DetectEncoding(bytes);
        var body = bytes.AsSpan();
        var preamble = encoding.Preamble;
        if (!preamble.IsEmpty && body.StartsWith(preamble))
        {
            body = body[preamble.Length..];
        }

        return encoding.GetString(body);
    }

    public static Encoding DetectEncoding(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode;
        }

        if (Utf8.IsValid(bytes))
        {
            return Encoding.UTF8;
        }

        // Excel on Japanese Windows saves "CSV (comma delimited)" in code page 932.
        return CodePagesEncodingProvider.Instance.GetEncoding(932)
            ?? throw new InvalidOperationException("Code page 932 (Shift_JIS) is not available.");
    }

    public static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    // string.Trim removes all Unicode white space, including the ideographic space U+3000.
    public static string NormaliseHeading(string heading) =>
        heading.Normalize(NormalizationForm.FormKC).Trim().ToLowerInvariant();

    /// <summary>
    /// MailAddress also accepts display names ("Taro &lt;taro@example.jp&gt;"), comments and addresses without a
    /// dot in the domain; an invitation needs a plain address that mail servers on the internet will route.
    /// </summary>
    public static bool IsBareAddress(string value)
    {
        if (!MailAddress.TryCreate(value, out var address)
            || !string.Equals(address.Address, value, StringComparison.Ordinal)
            || address.DisplayName.Length != 0)
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != value.LastIndexOf('@') || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '(' or ')' or '<' or '>' or ',' or ';' or '[' or ']' or '\\'))
        {
            return false;
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        return !local.StartsWith('.') && !local.EndsWith('.') && !local.Contains("..", StringComparison.Ordinal)
            && domain.Contains('.', StringComparison.Ordinal)
            && domain.Split('.').All(label => label.Length > 0 && !label.StartsWith('-') && !label.EndsWith('-'));
    }
}

/// <summary>
/// RFC 4180 reader, lenient the way Excel is: a quote inside an unquoted field is kept as text, and text after
/// a closing quote is appended. Line breaks are CRLF, LF or CR. <see cref="Row"/> counts records, so it matches
/// the row numbers Excel shows even when a quoted cell contains line breaks.
/// </summary>
internal sealed class CsvRecordReader(string text)
{
    private int _position;

    /// <summary>The row number of the record last returned by <see cref="Read"/>.</summary>
    public int Row { get; private set; }

    /// <summary>True when the last record started a quoted field that the file never closes.</summary>
    public bool Unterminated { get; private set; }

    public List<string>? Read()
    {
        if (_position >= text.Length || Unterminated)
        {
            return null;
        }

        Row++;
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var atFieldStart = true;

        while (_position < text.Length)
        {
            var c = text[_position++];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (_position < text.Length && text[_position] == '"')
                {
                    field.Append('"');
                    _position++;
                }
                else
                {
                    quoted = false;
                }

                continue;
            }

            switch (c)
            {
                case '"' when atFieldStart:
                    quoted = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r' or '\n':
                    if (c == '\r' && _position < text.Length && text[_position] == '\n')
                    {
                        _position++;
                    }

                    fields.Add(field.ToString());
                    return fields;
                default:
                    field.Append(c);
                    atFieldStart = false;
                    break;
            }
        }

        if (quoted)
        {
            Unterminated = true;
            return null;
        }

        fields.Add(field.ToString());
        return fields;
    }
}
