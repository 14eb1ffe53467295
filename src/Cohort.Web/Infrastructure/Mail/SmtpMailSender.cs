using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Cohort.Web.Infrastructure.Mail;

/// <summary>
/// Sends through an SMTP relay with MailKit, one connection per message. Replies 4xx and connection, TLS and
/// authentication problems are transient failures; 5xx replies to the message are permanent.
/// </summary>
public sealed class SmtpMailSender : IMailSender
{
    private readonly SmtpSettings _smtp;
    private readonly MailboxAddress _from;
    private readonly TimeProvider _time;
    private readonly ILogger<SmtpMailSender>? _logger;

    public SmtpMailSender(MailSettings settings, TimeProvider? time = null, ILogger<SmtpMailSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _smtp = settings.Smtp ?? throw new ArgumentException("The mail settings have no SMTP host.", nameof(settings));
        _from = settings.FromMailbox;
        _time = time ?? TimeProvider.System;
        _logger = logger;
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = mail.ToMimeMessage(_from, _time.GetUtcNow());

        using var client = new SmtpClient { Timeout = _smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(_smtp.Host, _smtp.Port, SocketOptions(_smtp.Security), cancellationToken);
            if (_smtp.User is not null)
            {
                await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            throw new MailDeliveryException(
                $"The SMTP server {_smtp.Host}:{_smtp.Port} refused message {mail.MessageId} with {code} ({e.ErrorCode}): {e.Message}",
                isTransient: code is >= 400 and < 500,
                e)
            {
                SmtpStatusCode = code,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException or OperationCanceledException
            or SmtpProtocolException or SslHandshakeException or AuthenticationException or ServiceNotConnectedException or NotSupportedException)
        {
            throw new MailDeliveryException(
                $"Could not deliver message {mail.MessageId} through {_smtp.Host}:{_smtp.Port}: {e.Message}",
                isTransient: true,
                e);
        }

        // The message is accepted; a failing QUIT must not make the caller send it again.
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger?.LogDebug(e, "QUIT after message {MessageId} failed", mail.MessageId);
        }

        _logger?.LogInformation("Sent message {MessageId} through {Host}:{Port}", mail.MessageId, _smtp.Host, _smtp.Port);
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.Auto => SecureSocketOptions.Auto,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, null),
    };
}
