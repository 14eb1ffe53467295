namespace Cohort.Web.Infrastructure.Mail;

/// <summary>Delivers one message; throws <see cref="MailDeliveryException"/> when it could not.</summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}

/// <summary>
/// Delivery failed. <see cref="IsTransient"/>: trying the same message later may succeed (connection problems,
/// 4xx replies, authentication or TLS set-up failures); otherwise the server will not take this message (5xx replies,
/// malformed addresses) and retrying is pointless.
/// </summary>
public sealed class MailDeliveryException(string message, bool isTransient, Exception? inner = null) : Exception(message, inner)
{
    public bool IsTransient { get; } = isTransient;

    /// <summary>The SMTP reply code when the server refused a command, e.g. 451 or 550.</summary>
    public int? SmtpStatusCode { get; init; }
}
