namespace Cohort.Web.Infrastructure.Mail;

/// <summary>
/// The model of the <c>digest</c> template: several reminders in one message. In the templates the members are
/// <c>recipient_name</c>, <c>items</c> (<c>title</c>, <c>detail</c>, <c>link</c>, <c>join_url</c>) and <c>app_url</c>.
/// </summary>
public sealed record DigestMail(string RecipientName, IReadOnlyList<DigestMailItem> Items, string AppUrl)
{
    public const string TemplateName = "digest";

    /// <summary>Without a trailing slash, as the templates append paths to it.</summary>
    public string AppUrl { get; init; } = AppUrl.TrimEnd('/');
}

/// <summary>One reminder: a title, an optional detail line, an absolute link to act on it and, for an online event, the link to join it.</summary>
public sealed record DigestMailItem(string Title, string? Detail, string Link, string? JoinUrl = null);
