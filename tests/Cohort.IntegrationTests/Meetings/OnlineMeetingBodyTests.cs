using Cohort.Web.Infrastructure.Meetings;

namespace Cohort.IntegrationTests.Meetings;

public sealed class OnlineMeetingBodyTests
{
    private const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d";
    private const string Rule = "<div><span style=\"opacity:.36\">________________________________________</span></div>";
    private const string Block = $"<div class=\"me-email-text\"><a href=\"{JoinUrl}\">Click here to join the meeting</a><div>Meeting ID: 381 205 774 912</div></div>";

    private static string ExchangeBody(string organiserText) =>
        $"<html><head><meta charset=\"utf-8\"></head><body>{organiserText}\r\n{Rule}\r\n{Block}\r\n{Rule}\r\n</body></html>";

    [Fact]
    public void The_new_text_replaces_the_old_and_the_meeting_block_stays_whole()
    {
        var composed = OnlineMeetingBody.Compose("<p>新しい案内</p>", ExchangeBody("<p>古い案内</p>"), JoinUrl);

        Assert.StartsWith("<p>新しい案内</p>", composed, StringComparison.Ordinal);
        Assert.DoesNotContain("古い案内", composed, StringComparison.Ordinal);
        Assert.Contains("Meeting ID: 381 205 774 912", composed, StringComparison.Ordinal);
        Assert.Equal(2, composed.Split("opacity:.36").Length - 1);
    }

    [Fact]
    public void Organiser_text_that_mentions_the_join_link_is_not_taken_for_the_block()
    {
        var composed = OnlineMeetingBody.Compose("<p>新しい案内</p>", ExchangeBody($"<p>参加はこちら：<a href=\"{JoinUrl}\">Teams</a></p>"), JoinUrl);

        Assert.DoesNotContain("参加はこちら", composed, StringComparison.Ordinal);
        Assert.Contains("Click here to join the meeting", composed, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_block_but_with_a_join_url_a_plain_link_keeps_the_meeting_reachable()
    {
        var composed = OnlineMeetingBody.Compose("<p>新しい案内</p>", "<html><body><p>古い案内</p></body></html>", JoinUrl);

        Assert.StartsWith("<p>新しい案内</p>", composed, StringComparison.Ordinal);
        Assert.Contains("href=\"https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0?context=%7b%7d\"", composed, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_without_an_online_meeting_gets_just_the_new_text()
    {
        Assert.Equal("<p>新しい案内</p>", OnlineMeetingBody.Compose("<p>新しい案内</p>", "<html><body><p>古い案内</p></body></html>", null));
    }
}
