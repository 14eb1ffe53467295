using System.Net;
using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Cohort.Web.Infrastructure.Meetings;

/// <summary>
/// When an event becomes a Teams meeting, Exchange appends a block with the join link (and dial-in details) to its
/// body. Microsoft's documentation for updating an event warns that a new body without that block disables the
/// online meeting, so an update keeps the block that is there and puts the new text in front of it.
/// </summary>
internal static class OnlineMeetingBody
{
    private static readonly HtmlParser Parser = new();

    /// <summary>
    /// The body to send: <paramref name="newBodyHtml"/> followed by the meeting block found in
    /// <paramref name="currentBodyHtml"/>; when no block is found but the event has a join URL, a plain join link.
    /// </summary>
    public static string Compose(string newBodyHtml, string? currentBodyHtml, string? joinUrl)
    {
        var block = MeetingBlock(currentBodyHtml, joinUrl);
        if (block is not null)
        {
            return newBodyHtml + block;
        }

        return string.IsNullOrEmpty(joinUrl)
            ? newBodyHtml
            : $"{newBodyHtml}<p><a href=\"{WebUtility.HtmlEncode(joinUrl)}\">{WebUtility.HtmlEncode(joinUrl)}</a></p>";
    }

    /// <summary>
    /// The trailing top-level elements of the body that hold the join link, with the rule lines Exchange frames them
    /// with; null when the body has no join link.
    /// </summary>
    public static string? MeetingBlock(string? bodyHtml, string? joinUrl)
    {
        if (string.IsNullOrWhiteSpace(bodyHtml))
        {
            return null;
        }

        var body = Parser.ParseDocument(bodyHtml).Body;
        if (body is null)
        {
            return null;
        }

        var lastLink = body.QuerySelectorAll("a[href]").LastOrDefault(a => IsJoinLink(a.GetAttribute("href"), joinUrl));
        if (lastLink is null)
        {
            return null;
        }

        // Back from the element holding the last join link to the rule line that opens the block; text before
        // that line is the organiser's, even when it mentions the link.
        var start = TopLevel(lastLink, body);
        for (var previous = start.PreviousSibling; previous is not null; previous = previous.PreviousSibling)
        {
            if (IsBlank(previous))
            {
                continue;
            }

            if (IsRuleLine(previous))
            {
                start = previous;
                break;
            }

            if (!ContainsJoinLink(previous, joinUrl))
            {
                break;
            }

            start = previous;
        }

        var html = new StringBuilder();
        for (var node = start; node is not null; node = node.NextSibling)
        {
            html.Append(node.ToHtml());
        }

        return html.ToString();
    }

    private static INode TopLevel(INode node, IElement body)
    {
        while (node.Parent is { } parent && parent != body)
        {
            node = parent;
        }

        return node;
    }

    private static bool IsBlank(INode node) => node is IText text && string.IsNullOrWhiteSpace(text.Data) || node is IComment;

    // Exchange draws a line of underscores above and below the meeting block.
    private static bool IsRuleLine(INode node) =>
        node is IElement element && element.TextContent.Trim() is { Length: >= 10 } text && text.All(c => c == '_');

    private static bool ContainsJoinLink(INode node, string? joinUrl) =>
        node is IElement element && element.QuerySelectorAll("a[href]").Any(a => IsJoinLink(a.GetAttribute("href"), joinUrl));

    private static bool IsJoinLink(string? href, string? joinUrl)
    {
        if (string.IsNullOrEmpty(href))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(joinUrl) && string.Equals(href, joinUrl, StringComparison.Ordinal))
        {
            return true;
        }

        return Uri.TryCreate(href, UriKind.Absolute, out var uri)
            && uri.Host.StartsWith("teams.microsoft.", StringComparison.OrdinalIgnoreCase)
            && (uri.AbsolutePath.StartsWith("/l/meetup-join/", StringComparison.OrdinalIgnoreCase) || uri.AbsolutePath.StartsWith("/meet/", StringComparison.OrdinalIgnoreCase));
    }
}
