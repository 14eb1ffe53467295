using MimeKit;

namespace Cohort.Web.Infrastructure.Mail;

/// <summary>
/// One message to one recipient. <see cref="MessageId"/> is chosen by the caller and must be the same whenever the
/// same logical message is sent again (see <see cref="MailSettings.MessageIdFor"/>), so a resend after a crash is
/// recognisably the same message and the folder sender overwrites instead of duplicating.
/// <see cref="Culture"/> is the language of the texts (e.g. "ja", "en"); it becomes the Content-Language header.
/// </summary>
public sealed record OutgoingMail(string ToAddress, string? ToName, string Subject, string TextBody, string? HtmlBody, string MessageId, string Culture)
{
    /// <summary>The text and HTML bodies of a rendered template, addressed.</summary>
    public static OutgoingMail FromRendered(RenderedMail rendered, string toAddress, string? toName, string messageId, string culture)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        return new OutgoingMail(toAddress, toName, rendered.Subject, rendered.TextBody, rendered.HtmlBody, messageId, culture);
    }

    /// <summary>The Message-ID without angle brackets, as MimeKit expects it.</summary>
    internal string BareMessageId => MessageId.Trim().TrimStart('<').TrimEnd('>');

    /// <summary>Builds the MIME message both senders deliver; a malformed address or Message-ID is a permanent failure.</summary>
    internal MimeMessage ToMimeMessage(MailboxAddress from, DateTimeOffset date)
    {
        if (string.IsNullOrWhiteSpace(BareMessageId) || BareMessageId.Any(c => char.IsWhiteSpace(c) || c is '<' or '>'))
        {
            throw new MailDeliveryException($"'{MessageId}' is not a usable Message-ID.", isTransient: false);
        }

        if (string.IsNullOrWhiteSpace(Culture))
        {
            throw new MailDeliveryException($"The message {MessageId} has no culture.", isTransient: false);
        }

        MailboxAddress to;
        try
        {
            to = new MailboxAddress(ToName ?? "", ToAddress);
        }
        catch (ParseException e)
        {
            throw new MailDeliveryException($"'{ToAddress}' is not an e-mail address (message {MessageId}).", isTransient: false, e);
        }

        var message = new MimeMessage
        {
            Subject = Subject,
            MessageId = BareMessageId,
            Date = date,
        };
        message.From.Add(from);
        message.To.Add(to);
        // Tells auto-responders (RFC 3834) and Exchange (common in local governments) not to answer automated mail.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        message.Body = new BodyBuilder { TextBody = TextBody, HtmlBody = HtmlBody }.ToMessageBody();
        // A Content-* header belongs to the body entity; MimeKit writes it in the message's header block.
        message.Body.Headers.Add(HeaderId.ContentLanguage, Culture);
        return message;
    }
}
