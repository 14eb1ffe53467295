namespace Cohort.Web.Infrastructure.Meetings;

/// <summary>
/// Stands in when Microsoft Graph is not configured: organisers create the meeting themselves and paste its link.
/// Callers check <see cref="IsConfigured"/> first; calling the methods anyway is a programming error.
/// </summary>
public sealed class ManualMeetingService : IOnlineMeetingService
{
    private const string NotConfigured =
        $"Online meetings are created by hand: Microsoft Graph is not configured ({GraphSettings.Section}). Check IOnlineMeetingService.IsConfigured before calling it.";

    public bool IsConfigured => false;

    public Task<CreatedMeeting> CreateAsync(MeetingRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(NotConfigured);

    public Task UpdateAsync(string eventId, MeetingRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(NotConfigured);

    public Task CancelAsync(string eventId, string comment, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(NotConfigured);
}
