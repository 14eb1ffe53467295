using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.Mentors;
using Cohort.Web.Features.Organizations;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Teams;
using Cohort.Web.Features.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>
/// Every API operation in the OpenAPI document, called by every role on a resource of their own
/// organisation and of a foreign one. The expected outcome comes from the rule table below, written
/// independently of the app's attributes; an operation missing from the table fails the test, so a
/// new route is covered as soon as it exists.
/// </summary>
public sealed partial class AuthorizationMatrixTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private enum Rule
    {
        Anyone,
        SignedIn,
        Read,
        ReadPeople,
        Manage,
        OrganizationManage,
        Admin,

        /// <summary>Organisers, and mentors of the team (the matrix uses the mentor's own team).</summary>
        MentorTeam,

        /// <summary>Organisers, and the team's mentors and members.</summary>
        TeamWork,

        /// <summary>The showcase's judges only (the matrix makes the caller a judge of the "own" showcase); others cannot tell it exists.</summary>
        Judge,

        /// <summary>
        /// The programme's participants themselves (their own self-assessment): the team member only. Everyone else who can
        /// see the programme, the deployment admin included, is refused (403); outsiders cannot tell it exists (404).
        /// </summary>
        Participant,

        /// <summary>
        /// People a case names (the team's members and mentors), about their own name: the case of the matrix's team. Everyone
        /// else who can see the case is refused (403), the deployment admin included; outsiders cannot tell it exists (404).
        /// </summary>
        Named,
    }

    private enum Role
    {
        Anonymous,
        Admin,
        OrganizationAdmin,
        Organizer,
        Mentor,
        TeamMember,
        Observer,
    }

    private static readonly Dictionary<string, Rule> Rules = new()
    {
        ["ListOrganizations"] = Rule.SignedIn,
        ["CreateOrganization"] = Rule.Admin,
        ["InviteToOrganization"] = Rule.OrganizationManage,
        ["ListTemplates"] = Rule.SignedIn,
        ["ListPrograms"] = Rule.SignedIn,
        ["CreateProgramFromTemplate"] = Rule.OrganizationManage,
        ["GetProgram"] = Rule.Read,
        ["UpdateProgram"] = Rule.Manage,
        ["AddStage"] = Rule.Manage,
        ["UpdateStage"] = Rule.Manage,
        ["MoveStage"] = Rule.Manage,
        ["AddMilestone"] = Rule.Manage,
        ["UpdateMilestone"] = Rule.Manage,
        ["DeleteMilestone"] = Rule.Manage,
        ["ShiftSchedule"] = Rule.Manage,
        ["CreateTeam"] = Rule.Manage,
        ["UpdateTeam"] = Rule.Manage,
        ["DeleteTeam"] = Rule.Manage,
        ["ListParticipants"] = Rule.ReadPeople,
        ["SaveParticipant"] = Rule.Manage,
        ["RemoveParticipant"] = Rule.Manage,
        ["ImportParticipants"] = Rule.Manage,
        ["ListMentors"] = Rule.SignedIn,
        ["CreateMentor"] = Rule.Admin,
        ["AssignMentor"] = Rule.Manage,
        ["UnassignMentor"] = Rule.Manage,
        ["ListTokens"] = Rule.SignedIn,
        ["CreateToken"] = Rule.SignedIn,
        ["RevokeToken"] = Rule.SignedIn,
        ["ListProgramPeople"] = Rule.ReadPeople,
        ["InviteToProgram"] = Rule.Manage,
        ["RevokeInvitation"] = Rule.Manage,
        ["ProgramAuditLog"] = Rule.Manage,
        ["DeploymentAuditLog"] = Rule.Admin,
        ["PreviewInvitation"] = Rule.Anyone,
        ["AcceptInvitation"] = Rule.SignedIn,
        ["DownloadMyData"] = Rule.SignedIn,
        ["AnonymiseParticipant"] = Rule.Manage,
        ["ListUsers"] = Rule.Admin,
        ["CreatePasswordResetLink"] = Rule.Admin,
        ["UnlockUser"] = Rule.Admin,
        ["GetCheckInForm"] = Rule.MentorTeam,
        ["RecordCheckIn"] = Rule.MentorTeam,
        ["UpdateCheckIn"] = Rule.MentorTeam,
        ["ReplyToCheckIn"] = Rule.TeamWork,
        ["CompleteActionItem"] = Rule.TeamWork,
        ["GetTeamTimeline"] = Rule.TeamWork,
        ["SetTeamCadence"] = Rule.Manage,
        ["GetProgramDashboard"] = Rule.Manage,
        ["GetMentorHome"] = Rule.SignedIn,
        ["ListNotifications"] = Rule.SignedIn,
        ["MarkNotificationRead"] = Rule.SignedIn,
        ["MarkAllNotificationsRead"] = Rule.SignedIn,
        ["SetNotificationPreferences"] = Rule.SignedIn,
        ["SetNudgePolicy"] = Rule.Manage,
        ["RemoveProgramRole"] = Rule.Manage,
        ["GetTeamPortfolio"] = Rule.TeamWork,
        ["SaveSubmissionDraft"] = Rule.TeamWork,
        ["SubmitDeliverable"] = Rule.TeamWork,
        ["GetSubmission"] = Rule.TeamWork,
        ["ReviewSubmission"] = Rule.MentorTeam,
        ["RespondToReview"] = Rule.TeamWork,
        ["SetStageGate"] = Rule.Manage,
        ["AttachFile"] = Rule.TeamWork,
        ["GetDeliverableStats"] = Rule.Manage,
        ["DownloadSubmissionFile"] = Rule.TeamWork,
        ["CompareSubmissionVersions"] = Rule.TeamWork,
        ["ExportTeamPortfolio"] = Rule.TeamWork,
        ["DownloadTeamPortfolio"] = Rule.TeamWork,
        ["GetSubmissionFileThumbnail"] = Rule.TeamWork,
        ["RevokeOrganizationInvitation"] = Rule.OrganizationManage,
        ["RemoveOrganizationMember"] = Rule.OrganizationManage,
        ["ListFailedMail"] = Rule.Manage,
        ["ListShowcases"] = Rule.Read,
        ["ScheduleShowcase"] = Rule.Manage,
        ["GetShowcase"] = Rule.Read,
        ["UpdateShowcase"] = Rule.Manage,
        ["CancelShowcase"] = Rule.Manage,
        ["RetryShowcaseMeeting"] = Rule.Manage,
        ["AddShowcaseSlot"] = Rule.Manage,
        ["UpdateShowcaseSlot"] = Rule.Manage,
        ["MoveShowcaseSlot"] = Rule.Manage,
        ["RemoveShowcaseSlot"] = Rule.Manage,
        ["AddShowcaseJudge"] = Rule.Manage,
        ["RemoveShowcaseJudge"] = Rule.Manage,
        ["GetShowcaseResults"] = Rule.Manage,
        ["PublishShowcaseResults"] = Rule.Manage,
        ["HideAudienceFeedback"] = Rule.Manage,
        ["GetTeamShowcaseFeedback"] = Rule.TeamWork,
        ["GetJudgeSheet"] = Rule.Judge,
        ["ScoreShowcaseSlot"] = Rule.Judge,
        ["ListMyJudging"] = Rule.SignedIn,
        ["GetPublicAgenda"] = Rule.Anyone,
        ["GetFeedbackForm"] = Rule.Anyone,
        ["GiveAudienceFeedback"] = Rule.Anyone,
        ["GetProgramCalendar"] = Rule.Read,
        ["GetShowcaseCalendar"] = Rule.Read,
        ["GetPublicShowcaseCalendar"] = Rule.Anyone,
        ["ListAssessmentFrameworks"] = Rule.SignedIn,
        ["SetAssessmentFramework"] = Rule.Manage,
        ["GetMySelfAssessment"] = Rule.Participant,
        ["SubmitSelfAssessment"] = Rule.Participant,
        ["ListLearningActivityImports"] = Rule.Manage,
        ["PreviewLearningActivity"] = Rule.Manage,
        ["ImportLearningActivity"] = Rule.Manage,
        ["RemoveLearningActivityImport"] = Rule.Manage,
        ["RemoveActivityMapping"] = Rule.Manage,
        ["GetLearningAnalytics"] = Rule.ReadPeople,
        ["ExportLearningAnalytics"] = Rule.ReadPeople,
        ["SearchCases"] = Rule.SignedIn,
        ["GetCase"] = Rule.Read,
        ["UpdateCase"] = Rule.TeamWork,
        ["DeleteCase"] = Rule.Manage,
        ["RequestCasePublication"] = Rule.TeamWork,
        ["ApproveCasePublication"] = Rule.Manage,
        ["RejectCasePublication"] = Rule.Manage,
        ["WithdrawCase"] = Rule.TeamWork,
        ["SetCaseNameConsent"] = Rule.Named,
        ["RecordCaseFollowUp"] = Rule.TeamWork,
        ["ExportCase"] = Rule.Read,
        ["DownloadCaseAttachment"] = Rule.Read,
        ["ListProgramCases"] = Rule.Read,
        ["SetCaseFollowUpDays"] = Rule.Manage,
        ["GetCaseDraft"] = Rule.TeamWork,
        ["CreateCase"] = Rule.TeamWork,
        ["ReuseCase"] = Rule.Manage,
        ["ImportCase"] = Rule.OrganizationManage,
        ["SearchPublicCases"] = Rule.Anyone,
        ["GetPublicCase"] = Rule.Anyone,
        ["DownloadPublicCaseAttachment"] = Rule.Anyone,
    };

    /// <param name="ProgramC">Where invitations for AcceptInvitation point: accepting one must not give anyone a role in A or B.</param>
    private sealed record World(Guid OrgA, Guid ProgramA, Guid TeamA, Guid MentorA, Guid OrgB, Guid ProgramB, Guid MentorB, Guid ProgramC, Dictionary<Role, string> Emails);

    private static World? s_world;

    [Fact]
    public async Task Every_operation_allows_and_denies_exactly_as_the_rules_say()
    {
        var world = s_world ??= await BuildWorldAsync();
        var operations = await OperationsAsync();
        var unknown = operations.Where(o => !Rules.ContainsKey(o.Name)).Select(o => $"{o.Method} {o.Path} ({o.Name})").ToList();
        Assert.True(unknown.Count == 0, "Add these operations to the authorization rules: " + string.Join(", ", unknown));

        var clients = new Dictionary<Role, HttpClient> { [Role.Anonymous] = app.CreateClient(new() { AllowAutoRedirect = false }) };
        foreach (var role in Enum.GetValues<Role>().Where(r => r != Role.Anonymous))
        {
            clients[role] = await app.ApiClientAsync(world.Emails[role]);
        }

        var failures = new List<string>();
        var calls = 0;
        foreach (var operation in operations)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                foreach (var own in new[] { true, false })
                {
                    var expected = Expect(Rules[operation.Name], role, own);
                    var path = await FillAsync(operation, world, role, own, Rules[operation.Name] is Rule.MentorTeam or Rule.TeamWork);
                    using var request = new HttpRequestMessage(new HttpMethod(operation.Method), path) { Content = Body(operation) };
                    var status = (await clients[role].SendAsync(request)).StatusCode;
                    calls++;
                    if (!Matches(expected, status))
                    {
                        failures.Add($"{operation.Name} {operation.Method} {path} as {role} on {(own ? "own" : "foreign")} resource: expected {expected}, got {(int)status} {status}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls} calls broke the rules:\n" + string.Join("\n", failures));
        Assert.True(calls >= Rules.Count * 14, "The matrix ran fewer calls than it should.");
    }

    /// <summary>"Allowed" means the request got past authorization: anything but 401/403/404 and never a server error.</summary>
    private static bool Matches(HttpStatusCode? expected, HttpStatusCode actual) =>
        (int)actual < 500 && (expected is null
            ? actual is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            : actual == expected);

    /// <summary>null = allowed; otherwise the status a denied caller must get.</summary>
    private static HttpStatusCode? Expect(Rule rule, Role role, bool own)
    {
        if (rule == Rule.Anyone)
        {
            return null;
        }

        if (role == Role.Anonymous)
        {
            return HttpStatusCode.Unauthorized;
        }

        if (rule == Rule.Judge)
        {
            return own ? null : HttpStatusCode.NotFound;
        }

        if (rule == Rule.Named)
        {
            return !own && role != Role.Admin ? HttpStatusCode.NotFound : own && role is Role.TeamMember or Role.Mentor ? null : HttpStatusCode.Forbidden;
        }

        if (rule == Rule.Participant)
        {
            return !own && role != Role.Admin ? HttpStatusCode.NotFound : own && role == Role.TeamMember ? null : HttpStatusCode.Forbidden;
        }

        if (role == Role.Admin || rule == Rule.SignedIn)
        {
            return null;
        }

        if (rule == Rule.Admin)
        {
            return HttpStatusCode.Forbidden;
        }

        // Outside their own organisation nobody but the deployment admin can tell a resource exists.
        if (!own)
        {
            return HttpStatusCode.NotFound;
        }

        var allowed = rule switch
        {
            Rule.Read => true,
            Rule.ReadPeople => role is Role.OrganizationAdmin or Role.Organizer or Role.Mentor,
            Rule.Manage => role is Role.OrganizationAdmin or Role.Organizer,
            Rule.OrganizationManage => role is Role.OrganizationAdmin,
            Rule.MentorTeam => role is Role.OrganizationAdmin or Role.Organizer or Role.Mentor,
            Rule.TeamWork => role is Role.OrganizationAdmin or Role.Organizer or Role.Mentor or Role.TeamMember,
            _ => false,
        };
        return allowed ? null : HttpStatusCode.Forbidden;
    }

    private sealed record Operation(string Method, string Path, string Name, bool TakesCsv, bool TakesForm = false);

    private async Task<List<Operation>> OperationsAsync()
    {
        var api = await app.ApiClientAsync();
        var doc = JsonDocument.Parse(await api.GetStringAsync("/openapi/v1.json")).RootElement;
        var result = new List<Operation>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                var name = op.Value.TryGetProperty("operationId", out var id) ? id.GetString()! : $"{op.Name} {path.Name}";
                var hasBody = op.Value.TryGetProperty("requestBody", out var body);
                var csv = hasBody && body.GetProperty("content").TryGetProperty("text/csv", out _);
                var form = hasBody && !csv && body.GetProperty("content").TryGetProperty("multipart/form-data", out _);
                result.Add(new Operation(op.Name.ToUpperInvariant(), path.Name, name, csv, form));
            }
        }

        Assert.True(result.Count >= Rules.Count, $"The OpenAPI document lists only {result.Count} operations.");
        return result;
    }

    private static HttpContent? Body(Operation operation) => operation.Method switch
    {
        "POST" or "PUT" or "PATCH" when operation.TakesCsv => new StringContent("name,email\n", Encoding.UTF8, "text/csv"),
        "POST" or "PUT" or "PATCH" when operation.TakesForm => new MultipartFormDataContent { { new StringContent("x"), "note" } },
        "POST" or "PUT" or "PATCH" => new StringContent("{}", Encoding.UTF8, "application/json"),
        _ => null,
    };

    /// <summary>Puts fresh, real ids into the path so an allowed call never fails for a reason other than access.</summary>
    private async Task<string> FillAsync(Operation operation, World world, Role role, bool own, bool teamWork)
    {
        var template = operation.Path;
        var teamId = own && teamWork ? world.TeamA : await app.SendAsync(new CreateTeam.Command(own ? world.ProgramA : world.ProgramB, Seed.Unique("team"), null, null));
        // A file's path names its submission too: make the pair together.
        (Guid Submission, Guid File)? pair = template.Contains("{fileId", StringComparison.Ordinal) ? await NewFileAsync(own ? world.ProgramA : world.ProgramB, teamId) : null;
        var programId = own ? world.ProgramA : world.ProgramB;
        // A case of the matrix's own team (whose mentor and member it names), or of a team of the foreign programme; public where the route is.
        (Guid Case, Guid Attachment)? study = template.Contains("{caseId", StringComparison.Ordinal)
            ? await NewCaseAsync(programId, own ? world.TeamA : teamId, operation.Name is "GetPublicCase" or "DownloadPublicCaseAttachment", template.Contains("{attachmentId", StringComparison.Ordinal))
            : null;
        var showcase = template.Contains("{showcaseId", StringComparison.Ordinal) || template.Contains("Key}", StringComparison.Ordinal)
            ? await NewShowcaseAsync(programId, teamId, Rules[operation.Name] == Rule.Judge && own && role != Role.Anonymous ? world.Emails[role] : null)
            : null;
        var result = template;
        foreach (Match m in Parameter().Matches(template))
        {
            var value = m.Groups[1].Value switch
            {
                "programId" => programId.ToString(),
                "organizationId" => (own ? world.OrgA : world.OrgB).ToString(),
                "teamId" => teamId.ToString(),
                "milestoneId" when operation.Name == "SaveSubmissionDraft" => (await FirstDeliverableAsync(programId)).ToString(),
                "milestoneId" when operation.Name == "CompareSubmissionVersions" => (await MilestoneOfNewSubmissionAsync(programId, teamId)).ToString(),
                "submissionId" => (pair?.Submission ?? await NewSubmissionAsync(programId, teamId, submit: operation.Name == "ReviewSubmission")).ToString(),
                "fileId" => pair!.Value.File.ToString(),
                "showcaseId" => showcase!.Id.ToString(),
                "slotId" => showcase!.Agenda.First(a => a.TeamId != null).Id.ToString(),
                "judgeId" => (await app.SendAsync(new Cohort.Web.Features.Showcases.AddShowcaseJudge.Command(programId, showcase!.Id,
                    (await app.UserAsync($"{Guid.NewGuid():N}@city.example.jp")).Email!))).ToString(),
                "feedbackId" => (await NewFeedbackAsync(showcase!)).ToString(),
                "publicKey" => showcase!.PublicKey,
                "feedbackKey" => showcase!.Agenda.First(a => a.TeamId != null).FeedbackKey,
                "reviewId" => (await NewReviewAsync(programId, teamId)).ToString(),
                "checkInId" => (await NewCheckInAsync(programId, teamId)).ToString(),
                "actionItemId" => (await NewActionItemAsync(programId, teamId)).ToString(),
                "stageId" => (await app.SendAsync(new ProgramOverview.Query(programId))).Stages[0].Id.ToString(),
                "milestoneId" => (await NewMilestoneAsync(programId)).ToString(),
                "participantId" => (await app.SendAsync(new SaveParticipant.Command(programId, "p", $"{Guid.NewGuid():N}@city.example.jp", null, null))).ToString(),
                "mentorId" => (own ? world.MentorA : world.MentorB).ToString(),
                "invitationId" => operation.Name == "RevokeOrganizationInvitation"
                    ? (await app.SendAsync(new InviteToOrganization.Command(own ? world.OrgA : world.OrgB, $"{Guid.NewGuid():N}@city.example.jp", InvitedRole.OrganizationMember, 7))).Id.ToString()
                    : (await app.SendAsync(new InviteToProgram.Command(programId, $"{Guid.NewGuid():N}@city.example.jp", InvitedRole.Observer, null, 7))).Id.ToString(),
                "notificationId" => role == Role.Anonymous ? "1" : (await NewNotificationAsync(world.Emails[role], programId)).ToString(),
                "userId" => (await NewUserAsync(operation.Name, own ? world.ProgramA : world.ProgramB)).ToString(),
                "tokenId" => role == Role.Anonymous ? Guid.NewGuid().ToString() : (await app.SendAsAsync(world.Emails[role], new CreateToken.Command("matrix", false, 1))).Id.ToString(),
                "phase" => "Pre",
                "caseId" => study!.Value.Case.ToString(),
                "attachmentId" => study!.Value.Attachment.ToString(),
                "importId" => (await NewActivityImportAsync(programId, saveMappingAs: null)).ImportId.ToString(),
                "mappingId" => (await NewActivityImportAsync(programId, saveMappingAs: Seed.Unique("mapping"))).MappingId!.Value.ToString(),
                "token" => (await app.SendAsync(new InviteToProgram.Command(world.ProgramC, role == Role.Anonymous ? $"{Guid.NewGuid():N}@city.example.jp" : world.Emails[role], InvitedRole.Observer, null, 7))).Token,
                var other => throw new InvalidOperationException($"The matrix does not know how to fill {{{other}}} in {template}."),
            };
            result = result.Replace(m.Value, value, StringComparison.Ordinal);
        }

        return result;
    }

    /// <summary>A showcase of the programme with a slot for the team, and the caller as a judge when asked.</summary>
    private async Task<Cohort.Web.Features.Showcases.ShowcaseDetail.Result> NewShowcaseAsync(Guid programId, Guid teamId, string? judgeEmail)
    {
        var id = await app.SendAsync(new Cohort.Web.Features.Showcases.ScheduleShowcase.Command(programId, "発表会", null, new DateOnly(2030, 3, 1), new TimeOnly(13, 0),
            new TimeOnly(17, 0), ShowcaseFormat.Online, null, null, "https://teams.example/join"));
        if (judgeEmail is not null)
        {
            await app.SendAsync(new Cohort.Web.Features.Showcases.AddShowcaseJudge.Command(programId, id, judgeEmail));
        }

        var detail = await app.SendAsync(new Cohort.Web.Features.Showcases.ShowcaseDetail.Query(programId, id));
        if (detail.Agenda.All(a => a.TeamId != teamId))
        {
            await app.SendAsync(new Cohort.Web.Features.Showcases.AddShowcaseSlot.Command(programId, id, teamId, null, 10, 5));
            detail = await app.SendAsync(new Cohort.Web.Features.Showcases.ShowcaseDetail.Query(programId, id));
        }

        return detail;
    }

    private Task<Guid> NewFeedbackAsync(Cohort.Web.Features.Showcases.ShowcaseDetail.Result showcase) => app.QueryDbAsync(async db =>
    {
        var feedback = new AudienceFeedback { ShowcaseId = showcase.Id, SlotId = showcase.Agenda.First(a => a.TeamId != null).Id, DeviceHash = Guid.NewGuid().ToString("N"), Comment = "x" };
        db.AudienceFeedback.Add(feedback);
        await db.SaveChangesAsync();
        return feedback.Id;
    });

    private async Task<Guid> NewCheckInAsync(Guid programId, Guid teamId) =>
        await app.SendAsync(new Cohort.Web.Features.CheckIns.RecordCheckIn.Command(programId, teamId, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-1), 30, CheckInFormat.Online, null, "notes", null, HealthStatus.OnTrack, null, null,
            await DecideAllAsync(programId, teamId), null));

    private async Task<Guid> NewActionItemAsync(Guid programId, Guid teamId)
    {
        var due = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(30);
        var checkIn = await app.SendAsync(new Cohort.Web.Features.CheckIns.RecordCheckIn.Command(programId, teamId, due.AddDays(-31), 30, CheckInFormat.Online, null, null, null, HealthStatus.OnTrack, null, null,
            await DecideAllAsync(programId, teamId), [new Cohort.Web.Features.CheckIns.RecordCheckIn.NewItem("item", null, due)]));
        return await app.QueryDbAsync(db => db.ActionItems.Where(i => i.RaisedInCheckInId == checkIn).Select(i => i.Id).SingleAsync());
    }

    /// <summary>Carries every open item over, so a new check-in can be recorded for a team that already has some.</summary>
    private async Task<List<Cohort.Web.Features.CheckIns.RecordCheckIn.Decision>> DecideAllAsync(Guid programId, Guid teamId)
    {
        var form = await app.SendAsync(new Cohort.Web.Features.CheckIns.CheckInForm.Query(programId, teamId));
        return form.OpenItems.Select(i => new Cohort.Web.Features.CheckIns.RecordCheckIn.Decision(i.Id, Cohort.Web.Features.CheckIns.ItemDecision.CarryOver, null, form.Today.AddDays(30))).ToList();
    }

    private async Task<Guid> FirstDeliverableAsync(Guid programId) =>
        (await app.SendAsync(new ProgramOverview.Query(programId))).Stages[0].Milestones.First(m => m.Deliverable != DeliverableType.None).Id;

    /// <summary>A fresh deliverable of the team (on a milestone of its own so it never collides), as a draft or submitted.</summary>
    private async Task<Guid> NewSubmissionAsync(Guid programId, Guid teamId, bool submit)
    {
        var stage = (await app.SendAsync(new ProgramOverview.Query(programId))).Stages[0];
        var milestone = await app.SendAsync(new AddMilestone.Command(programId, stage.Id, Seed.Unique("m"), null, null, stage.EndDate, DeliverableType.Document));
        var id = await app.SendAsync(new Cohort.Web.Features.Submissions.SaveSubmissionDraft.Command(programId, teamId, milestone, "t", null, null, null, null, null, null, null));
        if (submit)
        {
            await app.SendAsync(new Cohort.Web.Features.Submissions.SubmitDeliverable.Command(programId, teamId, id));
        }

        return id;
    }

    private async Task<Guid> MilestoneOfNewSubmissionAsync(Guid programId, Guid teamId)
    {
        var submission = await NewSubmissionAsync(programId, teamId, submit: true);
        return await app.QueryDbAsync(db => db.Submissions.Where(s => s.Id == submission).Select(s => s.MilestoneId).SingleAsync());
    }

    private async Task<(Guid Submission, Guid File)> NewFileAsync(Guid programId, Guid teamId)
    {
        var submission = await NewSubmissionAsync(programId, teamId, submit: false);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        return (submission, await app.SendAsync(new Cohort.Web.Features.Submissions.AttachFile.Command(programId, teamId, submission, "a.png", png)));
    }

    private async Task<Guid> NewReviewAsync(Guid programId, Guid teamId)
    {
        var submission = await NewSubmissionAsync(programId, teamId, submit: true);
        var rubric = await app.QueryDbAsync(db => db.Stages.Where(s => s.ProgramId == programId && s.Order == 1).SelectMany(s => s.Rubric).Select(c => c.Id).ToListAsync());
        return await app.SendAsync(new Cohort.Web.Features.Submissions.ReviewSubmission.Command(programId, teamId, submission, 1, Cohort.Web.Domain.ReviewDecision.Return, "直してください",
            rubric.Select(c => new Cohort.Web.Features.Submissions.ReviewSubmission.Score(c, 2, null)).ToList()));
    }

    /// <summary>A user the operation can act on: an observer of the programme (so also a member of its organisation).</summary>
    private async Task<Guid> NewUserAsync(string operation, Guid programId)
    {
        var email = $"{Guid.NewGuid():N}@city.example.jp";
        if (operation is "RemoveProgramRole" or "RemoveOrganizationMember")
        {
            var link = await app.SendAsync(new InviteToProgram.Command(programId, email, InvitedRole.Observer, null, 7));
            await app.SendAsync(new RegisterWithInvitation.Command(link.Token, "target", CohortApp.AdminPassword));
        }

        return (await app.UserAsync(email)).Id;
    }

    /// <summary>A notification of the caller's own (the centre only ever shows one's own).</summary>
    private Task<long> NewNotificationAsync(string email, Guid programId) => app.QueryDbAsync(async db =>
    {
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var notification = new Notification { UserId = userId, NudgeId = -Random.Shared.NextInt64(1, long.MaxValue), ProgramId = programId, SubjectTitle = "x", Link = "/" };
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return notification.Id;
    });

    /// <summary>A learning activity import of the programme, and the column mapping it saved for the organisation when asked.</summary>
    private async Task<(Guid ImportId, Guid? MappingId)> NewActivityImportAsync(Guid programId, string? saveMappingAs)
    {
        var result = await app.SendAsync(new Cohort.Web.Features.Learning.ImportLearningActivity.Command(programId, "activity.csv",
            Encoding.UTF8.GetBytes($"email,course,minutes,date\n{Guid.NewGuid():N}@city.example.jp,c,10,2027-04-05\n"),
            new Cohort.Web.Features.Learning.ColumnMap("email", "course", null, "minutes", "date", null, null), saveMappingAs));
        var mapping = saveMappingAs is null ? null : await app.QueryDbAsync(db => db.ActivityColumnMappings.Where(m => m.Name == saveMappingAs).Select(m => (Guid?)m.Id).SingleAsync());
        return (result.ImportId, mapping);
    }

    /// <summary>A private case of the team (public when asked), with a stored attachment when asked.</summary>
    private async Task<(Guid Case, Guid Attachment)> NewCaseAsync(Guid programId, Guid teamId, bool publish, bool withAttachment)
    {
        var id = await app.SendAsync(new Cohort.Web.Features.Cases.CreateCase.Command(programId, teamId, "事例", null, "other", "other", null, "現状", "解決策", null, null, "学び", null,
            CaseOutcome.Prototype, null));
        if (publish)
        {
            await app.SendAsync(new Cohort.Web.Features.Cases.ApproveCasePublication.Command(id, CaseLevel.Shared, null));
            await app.SendAsync(new Cohort.Web.Features.Cases.ApproveCasePublication.Command(id, CaseLevel.Public, null));
        }

        var attachment = Guid.Empty;
        if (withAttachment)
        {
            using var scope = app.Services.CreateScope();
            var key = await scope.ServiceProvider.GetRequiredService<Cohort.Web.Infrastructure.Files.IFileStore>().SaveAsync(new MemoryStream(Seed.Png), CancellationToken.None);
            attachment = await app.QueryDbAsync(async db =>
            {
                var row = new CaseAttachment { CaseId = id, StorageKey = key, FileName = "a.png", ContentType = "image/png", Bytes = Seed.Png.Length };
                db.CaseAttachments.Add(row);
                await db.SaveChangesAsync();
                return row.Id;
            });
        }

        return (id, attachment);
    }

    private async Task<Guid> NewMilestoneAsync(Guid programId)
    {
        var stage = (await app.SendAsync(new ProgramOverview.Query(programId))).Stages[0];
        return await app.SendAsync(new AddMilestone.Command(programId, stage.Id, "m", null, null, stage.StartDate, DeliverableType.None));
    }

    private async Task<World> BuildWorldAsync()
    {
        var a = await Seed.ProgramAsync(app);
        var b = await Seed.ProgramAsync(app);
        var teamA = await app.SendAsync(new CreateTeam.Command(a.Id, "A team", null, null));
        var emails = new Dictionary<Role, string> { [Role.Admin] = CohortApp.AdminEmail };

        async Task<string> Join(Role role, Func<string, Task<InvitationLink>> invite)
        {
            var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@city.example.jp";
            var link = await invite(email);
            await app.SendAsync(new RegisterWithInvitation.Command(link.Token, role.ToString(), CohortApp.AdminPassword));
            return email;
        }

        emails[Role.OrganizationAdmin] = await Join(Role.OrganizationAdmin, e => app.SendAsync(new InviteToOrganization.Command(a.OrganizationId, e, InvitedRole.OrganizationAdmin, 7)));
        emails[Role.Organizer] = await Join(Role.Organizer, e => app.SendAsync(new InviteToProgram.Command(a.Id, e, InvitedRole.Organizer, null, 7)));
        emails[Role.Mentor] = await Join(Role.Mentor, e => app.SendAsync(new InviteToProgram.Command(a.Id, e, InvitedRole.Mentor, teamA, 7)));
        emails[Role.TeamMember] = await Join(Role.TeamMember, e => app.SendAsync(new InviteToProgram.Command(a.Id, e, InvitedRole.TeamMember, teamA, 7)));
        emails[Role.Observer] = await Join(Role.Observer, e => app.SendAsync(new InviteToProgram.Command(a.Id, e, InvitedRole.Observer, null, 7)));

        var mentorA = await app.QueryDbAsync(db => db.Mentors.Where(m => m.Email == emails[Role.Mentor]).Select(m => m.Id).SingleAsync());
        var mentorB = await app.SendAsync(new CreateMentor.Command("B mentor", $"{Guid.NewGuid():N}@consult.example.jp", null));
        var c = await Seed.ProgramAsync(app);
        return new World(a.OrganizationId, a.Id, teamA, mentorA, b.OrganizationId, b.Id, mentorB, c.Id, emails);
    }

    [GeneratedRegex("\\{([a-zA-Z]+)(:[^}]*)?\\}")]
    private static partial Regex Parameter();
}
