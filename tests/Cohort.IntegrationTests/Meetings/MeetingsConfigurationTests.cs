using Cohort.Web.Infrastructure.Meetings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Kiota.Abstractions.Authentication;

namespace Cohort.IntegrationTests.Meetings;

public sealed class MeetingsConfigurationTests
{
    private const string Secret = "s3cr3t-value-that-must-not-leak";

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create<string, string?>(v.Key, v.Value))).Build();

    private static (string, string)[] Complete(string baseUrl = GraphSettings.DefaultBaseUrl) =>
    [
        ("Cohort:Graph:TenantId", FakeGraphServer.TenantId),
        ("Cohort:Graph:ClientId", "11111111-2222-3333-4444-555555555555"),
        ("Cohort:Graph:ClientSecret", Secret),
        ("Cohort:Graph:OrganizerMailbox", "showcase@city.example.jp"),
        ("Cohort:Graph:BaseUrl", baseUrl),
    ];

    [Fact]
    public async Task Without_Graph_configuration_meetings_are_made_by_hand()
    {
        var services = new ServiceCollection().AddLogging().AddCohortMeetings(Configuration()).BuildServiceProvider();

        var meetings = services.GetRequiredService<IOnlineMeetingService>();

        Assert.IsType<ManualMeetingService>(meetings);
        Assert.False(meetings.IsConfigured);
        Assert.False(services.GetRequiredService<GraphSettings>().IsConfigured);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => meetings.CancelAsync("AAMk=", "中止", CancellationToken.None));
        Assert.Contains("Cohort:Graph", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partial_configuration_stops_the_start_naming_what_is_missing()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCohortMeetings(Configuration(
            ("Cohort:Graph:TenantId", FakeGraphServer.TenantId),
            ("Cohort:Graph:ClientSecret", Secret))));

        Assert.Contains("Cohort:Graph:ClientId", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Cohort:Graph:OrganizerMailbox", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Cohort:Graph:TenantId", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cohort:Graph:CertificatePath", "/nowhere/cohort-graph.pfx", "does not exist")]
    [InlineData("Cohort:Graph:TenantId", "common", "own tenant")]
    [InlineData("Cohort:Graph:OrganizerMailbox", "showcase", "UPN or e-mail")]
    [InlineData("Cohort:Graph:BaseUrl", "http://graph.example.jp/v1.0", "https")]
    [InlineData("Cohort:Graph:TimeoutSeconds", "0", "whole number from 1")]
    public void Inconsistent_values_stop_the_start(string key, string value, string expected)
    {
        var values = Complete().Where(v => v.Item1 != key).Append((key, value)).ToArray();

        var failure = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCohortMeetings(Configuration(values)));

        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_settings_never_show_the_secret()
    {
        var settings = GraphSettings.From(Configuration(Complete()));

        Assert.True(settings.IsConfigured);
        Assert.DoesNotContain(Secret, settings.ToString(), StringComparison.Ordinal);
        Assert.Contains("showcase@city.example.jp", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, $"{settings with { Timeout = TimeSpan.FromSeconds(5) }}", StringComparison.Ordinal);
    }

    [Fact]
    public void The_production_token_provider_is_only_for_the_configured_Graph_host()
    {
        var settings = GraphSettings.From(Configuration(Complete()));

        var authentication = Assert.IsAssignableFrom<BaseBearerTokenAuthenticationProvider>(GraphOnlineMeetingService.CreateAuthenticationProvider(settings));

        Assert.Equal(["graph.microsoft.com"], authentication.AccessTokenProvider.AllowedHostsValidator.AllowedHosts);
    }

    [Fact]
    public async Task Configured_Graph_is_registered_and_works_end_to_end_with_a_registered_token_provider()
    {
        await using var server = await FakeGraphServer.StartAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(FakeTokenProvider.Authentication())
            .AddCohortMeetings(Configuration([.. Complete(server.BaseUrl), ("Cohort:Graph:RetryDelaySeconds", "0")]))
            .BuildServiceProvider();

        var meetings = services.GetRequiredService<IOnlineMeetingService>();
        var created = await meetings.CreateAsync(
            new MeetingRequest(
                "cohort-showcase-3-1",
                "成果発表会",
                "<p>発表会</p>",
                new DateTime(2027, 2, 19, 1, 0, 0, DateTimeKind.Utc),
                new DateTime(2027, 2, 19, 3, 0, 0, DateTimeKind.Utc),
                "Asia/Tokyo",
                null,
                [new MeetingAttendee("hanako.yamada@city.example.jp", "山田 花子")]),
            CancellationToken.None);

        Assert.IsType<GraphOnlineMeetingService>(meetings);
        Assert.True(meetings.IsConfigured);
        Assert.Equal(created.EventId, Assert.Single(server.Events).Id);
        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer " + FakeGraphServer.AccessToken, request.Header("Authorization"));
        Assert.False(request.Json.TryGetProperty("location", out _));
    }
}
