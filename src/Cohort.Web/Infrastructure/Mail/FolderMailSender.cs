using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace Cohort.Web.Infrastructure.Mail;

/// <summary>
/// The offline sender of the embedded default: writes each message as an .eml file into a folder, named after its
/// Message-ID, so sending the same message again replaces the file instead of adding one.
/// </summary>
public sealed class FolderMailSender : IMailSender
{
    private const int MaxNameLength = 100;

    private readonly MailboxAddress _from;
    private readonly TimeProvider _time;
    private readonly ILogger<FolderMailSender>? _logger;

    public FolderMailSender(MailSettings settings, TimeProvider? time = null, ILogger<FolderMailSender>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Folder = settings.Folder;
        _from = settings.FromMailbox;
        _time = time ?? TimeProvider.System;
        _logger = logger;
    }

    public string Folder { get; }

    /// <summary>
    /// The file a message lands in: the Message-ID with unsafe characters replaced, plus a short hash of the exact id
    /// so that two ids differing only in replaced characters do not share a file.
    /// </summary>
    public string PathFor(string messageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var bare = messageId.Trim().TrimStart('<').TrimEnd('>');
        var name = new StringBuilder(Math.Min(bare.Length, MaxNameLength));
        foreach (var c in bare.Take(MaxNameLength))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bare)))[..8];
        return Path.Combine(Folder, $"{name.ToString().TrimStart('.')}-{hash}.eml");
    }

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = mail.ToMimeMessage(_from, _time.GetUtcNow());
        message.Prepare(EncodingConstraint.EightBit);

        var path = PathFor(mail.BareMessageId);
        var temporary = Path.Combine(Folder, $".{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Folder);
            // Written aside and moved into place, so a reader never sees half a message.
            await using (var stream = File.Create(temporary))
            {
                await message.WriteToAsync(stream, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new MailDeliveryException($"Could not write message {mail.MessageId} to {path}: {e.Message}", isTransient: true, e);
        }
        catch (OperationCanceledException)
        {
            TryDelete(temporary);
            throw;
        }

        _logger?.LogInformation("Wrote message {MessageId} to {Path}", mail.MessageId, path);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a leftover temporary file; the next write uses a new name.
        }
    }
}
