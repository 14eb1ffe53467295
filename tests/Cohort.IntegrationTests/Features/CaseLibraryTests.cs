using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Features.Cases;
using Cohort.Web.Features.Nudges;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Showcases;
using Cohort.Web.Features.Submissions;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Mediation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>
/// The case library: a team writes its case, it climbs private → shared → public only with an organiser's approval,
/// search finds Japanese words inside words on both databases and never shows another organisation's private case,
/// follow-ups come through the nudge engine, a case is reused elsewhere, and a case document travels to another database.
/// </summary>
public abstract class CaseLibraryTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private static readonly DateOnly ShowcaseDay = new(2026, 10, 1);

    private sealed record World(Guid OrganizationId, Guid ProgramId, Guid TeamId, string Member, string Member2, string Observer, string Organizer, Guid AcceptedFile);

    /// <summary>A programme of last spring whose team presented on 1 October 2026 with an accepted deliverable holding a PNG.</summary>
    private async Task<World> WorldAsync(string memberName = "山田 太郎", DateOnly? start = null)
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 0, 30, 0, TimeSpan.Zero));
        var program = await Seed.ProgramAsync(App, start ?? new DateOnly(2026, 4, 1));
        var team = await App.SendAsync(new CreateTeam.Command(program.Id, Seed.Unique("窓口チーム"), "市民課", "窓口の申請書が紙"));
        var member = await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, team, memberName);
        var member2 = await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, team, "佐藤 花子");
        var observer = await Seed.JoinAsync(App, program.Id, InvitedRole.Observer);
        var organizer = await Seed.JoinAsync(App, program.Id, InvitedRole.Organizer);
        await App.SendAsync(new ScheduleShowcase.Command(program.Id, "成果発表会", null, ShowcaseDay, new TimeOnly(13, 0), new TimeOnly(16, 0), ShowcaseFormat.Online, null, null,
            "https://teams.example/join"));

        var milestone = program.Stages[0].Milestones.First(m => m.Deliverable != Cohort.Web.Domain.Templates.DeliverableType.None
            && m.Deliverable != Cohort.Web.Domain.Templates.DeliverableType.Assessment).Id;
        var submission = await App.SendAsync(new SaveSubmissionDraft.Command(program.Id, team, milestone, "業務分析", null, null, "申請一覧を作る", null, "kintone", null, null));
        var file = await App.SendAsync(new AttachFile.Command(program.Id, team, submission, "画面.png", Seed.Png));
        await App.SendAsync(new SubmitDeliverable.Command(program.Id, team, submission));
        var rubric = await App.QueryDbAsync(db => db.Stages.Where(s => s.ProgramId == program.Id && s.Order == 1).SelectMany(s => s.Rubric).Select(c => c.Id).ToListAsync());
        await App.SendAsync(new ReviewSubmission.Command(program.Id, team, submission, 1, ReviewDecision.Accept, "良い", rubric.Select(c => new ReviewSubmission.Score(c, 3, null)).ToList()));
        return new World(program.OrganizationId, program.Id, team, member, member2, observer, organizer, file);
    }

    private static CreateCase.Command NewCase(World w, string title = "オンライン申請書で窓口の待ち時間を減らす", string? lessons = null, IReadOnlyList<Guid>? files = null) =>
        new(w.ProgramId, w.TeamId, title, "市民課", "resident-services", "paper-forms", "kintone", "紙の申請書を窓口で書き写していた。", "オンライン申請書から直接データ化する。",
            "申請を受け付けて一覧にする", "入力作業が月20時間減る見込み", lessons ?? "最初は項目が多すぎて誰も使わなかった。", "他の課にも広げる", CaseOutcome.Prototype, files);

    private async Task<World> OtherOrganizationAsync() => await WorldAsync("鈴木 一郎");

    [SkippableFact]
    public async Task A_team_writes_a_case_from_its_work_with_a_copy_of_an_accepted_file_and_it_starts_private()
    {
        var w = await WorldAsync();
        var draft = await App.SendAsAsync(w.Member, new CaseDraft.Query(w.ProgramId, w.TeamId));
        Assert.Equal(("市民課", "kintone", ShowcaseDay), (draft.Department, draft.Tool, draft.ShowcaseDate));
        Assert.Equal(w.AcceptedFile, Assert.Single(draft.Files).Id);

        var id = await App.SendAsAsync(w.Member, NewCase(w, files: [w.AcceptedFile]));

        var view = await App.SendAsAsync(w.Observer, new CaseDetail.Query(id));
        Assert.Equal((CaseLevel.Private, 2026, ShowcaseDay), (view.Level, view.Year, view.ShowcaseDate));
        Assert.Equal(["佐藤 花子", "山田 太郎"], view.Contributors.Where(c => c.Role == "member").Select(c => c.Name).Order());
        var attachment = Assert.Single(view.Attachments);
        Assert.Equal(w.AcceptedFile, attachment.SourceFileId);
        var file = await App.SendAsAsync(w.Observer, new CaseAttachmentFile.Query(id, attachment.Id));
        using (var bytes = new MemoryStream())
        {
            await file.Content.CopyToAsync(bytes);
            file.Content.Dispose();
            Assert.Equal(Seed.Png, bytes.ToArray());
        }

        // A file that is not from the team's accepted submissions is refused, and nothing is written.
        var before = await App.QueryDbAsync(db => db.Cases.CountAsync());
        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(w.Member, NewCase(w, files: [Guid.NewGuid()])));
        Assert.Contains(refused.Errors, e => e.PropertyName == "AttachmentFileIds");
        Assert.Equal(before, await App.QueryDbAsync(db => db.Cases.CountAsync()));

        // Lessons are required: a case without what went wrong is not much use to others.
        var noLessons = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(w.Member, NewCase(w) with { Lessons = " " }));
        Assert.Contains(noLessons.Errors, e => e.PropertyName == "Lessons");
    }

    [SkippableFact]
    public async Task Japanese_words_are_found_inside_longer_words_and_full_width_letters_match()
    {
        var w = await WorldAsync();
        var marker = "ｍａｒｋ" + Guid.NewGuid().ToString("N")[..6];
        var id = await App.SendAsAsync(w.Member, NewCase(w, title: $"オンライン申請書 {marker}"));
        var other = await App.SendAsAsync(w.Member, NewCase(w, title: $"議事録の自動作成 {marker}") with { AsIs = "会議の記録に時間がかかる", ToBe = "音声から文字にする", PrototypeWhat = "録音を文字にする" });
        var plain = marker.Normalize(System.Text.NormalizationForm.FormKC);

        // 申請 (two characters) inside オンライン申請書, 申請書 (three, through the trigram index), and half-width letters for full-width ones.
        Assert.Equal([id], (await App.SendAsAsync(w.Observer, new SearchCases.Query($"申請 {plain}"))).Items.Select(i => i.Id));
        Assert.Equal([id], (await App.SendAsAsync(w.Observer, new SearchCases.Query($"申請書 {plain.ToUpperInvariant()}"))).Items.Select(i => i.Id));
        Assert.Equal([other], (await App.SendAsAsync(w.Observer, new SearchCases.Query($"議事録 {plain}"))).Items.Select(i => i.Id));
        Assert.Empty((await App.SendAsAsync(w.Observer, new SearchCases.Query($"申請 議事録 {plain}"))).Items);

        // Editing the text re-indexes it: the old word is gone, the new one found.
        var view = await App.SendAsAsync(w.Member, new CaseDetail.Query(other));
        await App.SendAsAsync(w.Member, new UpdateCase.Command(other, view.Version, $"会議録の要約 {marker}", view.Department, view.DepartmentArea, view.ProblemType, view.Tool, view.AsIs,
            view.ToBe, view.PrototypeWhat, view.Effects, view.Lessons, view.NextSteps, view.Outcome, null));
        Assert.Empty((await App.SendAsAsync(w.Observer, new SearchCases.Query($"議事録 {plain}"))).Items);
        Assert.Equal([other], (await App.SendAsAsync(w.Observer, new SearchCases.Query($"要約 {plain}"))).Items.Select(i => i.Id));

        // Facets count what each filter would leave; a facet narrows the list.
        var all = await App.SendAsAsync(w.Observer, new SearchCases.Query(plain));
        Assert.Equal(2, all.Total);
        Assert.Equal(2, all.Areas.Single(a => a.Value == "resident-services").Count);
        Assert.Equal("2026", Assert.Single(all.Years).Value);
        Assert.Equal(2, (await App.SendAsAsync(w.Observer, new SearchCases.Query(plain, Tool: "kintone", Year: 2026))).Total);
        Assert.Equal(0, (await App.SendAsAsync(w.Observer, new SearchCases.Query(plain, Outcome: CaseOutcome.Adopted))).Total);

        // Relevance puts the case with the word in its title first; newest sorts by date.
        var ranked = await App.SendAsAsync(w.Observer, new SearchCases.Query($"{plain} 要約"));
        Assert.Equal(other, ranked.Items[0].Id);

        // Deleting a case takes it out of the index too.
        await App.SendAsAsync(w.Organizer, new DeleteCase.Command(other));
        Assert.Empty((await App.SendAsAsync(w.Observer, new SearchCases.Query($"要約 {plain}"))).Items);
    }

    [SkippableFact]
    public async Task A_private_case_never_appears_to_another_organisation_and_sharing_needs_an_organisers_approval()
    {
        var w = await WorldAsync();
        var outsider = await OtherOrganizationAsync();
        var marker = "share" + Guid.NewGuid().ToString("N")[..8];
        var id = await App.SendAsAsync(w.Member, NewCase(w, title: $"オンライン申請書 {marker}"));

        Assert.Empty((await App.SendAsAsync(outsider.Organizer, new SearchCases.Query(marker))).Items);
        Assert.Empty((await App.SendAsAsync(outsider.Member, new SearchCases.Query("申請 " + marker))).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(outsider.Organizer, new CaseDetail.Query(id)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(outsider.Organizer, new ExportCase.Query(id)));
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(outsider.Organizer, new ReuseCase.Command(outsider.ProgramId, id, null, "盗用チーム")));
        Assert.Equal([id], (await App.SendAsAsync(w.Observer, new SearchCases.Query(marker))).Items.Select(i => i.Id));

        // No jumping a step, and a team member cannot approve their own request.
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsAsync(w.Member, new RequestCasePublication.Command(id, CaseLevel.Public, null)));
        await App.SendAsAsync(w.Member, new RequestCasePublication.Command(id, CaseLevel.Shared, "他市にも"));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(w.Member, new ApproveCasePublication.Command(id, CaseLevel.Shared, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(w.Observer, new ApproveCasePublication.Command(id, CaseLevel.Shared, null)));
        Assert.Empty((await App.SendAsAsync(outsider.Organizer, new SearchCases.Query(marker))).Items);

        // The organisers are told a case waits for them; deciding cancels the reminder.
        var organizer = (await App.UserAsync(w.Organizer)).Id;
        await PlanAsync(w.ProgramId);
        var waiting = await App.QueryDbAsync(db => db.Nudges.SingleAsync(n => n.Kind == NudgeKind.CasePublicationRequested && n.SubjectId == id && n.RecipientUserId == organizer));
        Assert.Equal(NudgeState.Pending, waiting.State);

        await App.SendAsAsync(w.Organizer, new ApproveCasePublication.Command(id, CaseLevel.Shared, "良い事例"));
        await PlanAsync(w.ProgramId);
        Assert.Equal(NudgeState.Cancelled, (await App.QueryDbAsync(db => db.Nudges.SingleAsync(n => n.Id == waiting.Id))).State);
        Assert.Equal([id], (await App.SendAsAsync(outsider.Member, new SearchCases.Query("申請 " + marker))).Items.Select(i => i.Id));
        var shared = await App.SendAsAsync(outsider.Organizer, new CaseDetail.Query(id));
        Assert.False(shared.CanContribute || shared.CanApprove);
        Assert.Equal([CasePublicationAction.Requested, CasePublicationAction.Approved], shared.History.Select(h => h.Action));

        // Once shared, the team cannot quietly change what was approved; the organiser can.
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsAsync(w.Member, new UpdateCase.Command(id, null, "変更", null, "tax", "other", null, "a", "b", null, null, "c", null, CaseOutcome.Prototype, null)));

        // Withdrawal is immediate: the other organisation no longer finds it.
        await App.SendAsAsync(w.Member, new WithdrawCase.Command(id, CaseLevel.Private, null));
        Assert.Empty((await App.SendAsAsync(outsider.Member, new SearchCases.Query(marker))).Items);
        await Assert.ThrowsAsync<NotFoundException>(() => App.SendAsAsync(outsider.Organizer, new CaseDetail.Query(id)));
    }

    [SkippableFact]
    public async Task Going_public_needs_the_consent_of_everyone_the_text_names_and_the_public_page_shows_only_consenting_names()
    {
        var w = await WorldAsync();
        var id = await App.SendAsAsync(w.Member, NewCase(w, lessons: "山田さんが一人で作り込みすぎた。早く見せるべきだった。"));
        await App.SendAsAsync(w.Organizer, new ApproveCasePublication.Command(id, CaseLevel.Shared, null));

        var refused = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(w.Organizer, new ApproveCasePublication.Command(id, CaseLevel.Public, null)));
        Assert.Contains(refused.Errors, e => e.PropertyName == "Lessons" && e.ErrorMessage.Contains("山田 太郎", StringComparison.Ordinal));

        // Nobody can consent for someone else; 山田 consents himself.
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(w.Organizer, new SetCaseNameConsent.Command(id, true)));
        await App.SendAsAsync(w.Member, new SetCaseNameConsent.Command(id, true));
        await App.SendAsAsync(w.Organizer, new ApproveCasePublication.Command(id, CaseLevel.Public, null));

        var anonymous = App.CreateClient();
        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/public/cases/{id}");
        var names = page.GetProperty("contributors").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["山田 太郎"], names);
        Assert.Equal(0, page.GetProperty("history").GetArrayLength());
        var html = await (await anonymous.GetAsync($"/public/cases/{id}")).Content.ReadAsStringAsync();
        Assert.Contains("オンライン申請書", html, StringComparison.Ordinal);
        Assert.DoesNotContain("佐藤", html, StringComparison.Ordinal);

        // Once public, nothing may add the name of someone who has not consented: not a follow-up, not an organiser's edit.
        var named = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(w.Member, new RecordCaseFollowUp.Command(id, CaseOutcome.Piloting, "佐藤さんが窓口で説明している", null)));
        Assert.Contains(named.Errors, e => e.PropertyName == "Effect" && e.ErrorMessage.Contains("佐藤 花子", StringComparison.Ordinal));
        var current = await App.SendAsAsync(w.Organizer, new CaseDetail.Query(id));
        var edit = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(w.Organizer, new UpdateCase.Command(id, current.Version, current.Title, current.Department,
            current.DepartmentArea, current.ProblemType, current.Tool, current.AsIs, current.ToBe, current.PrototypeWhat, "佐藤花子さんの発案", current.Lessons, current.NextSteps, current.Outcome, null)));
        Assert.Contains(edit.Errors, e => e.PropertyName == "Effects");
        Assert.Empty((await App.SendAsAsync(w.Organizer, new CaseDetail.Query(id))).FollowUps);

        // Taking consent back while the text names him takes the case off the public page at once.
        await App.SendAsAsync(w.Member, new SetCaseNameConsent.Command(id, false));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/public/cases/{id}")).StatusCode);
        Assert.Equal(CaseLevel.Shared, (await App.SendAsAsync(w.Organizer, new CaseDetail.Query(id))).Level);
    }

    [SkippableFact]
    public async Task Follow_ups_are_nudged_30_and_90_days_after_the_showcase_and_make_the_adoption_rate()
    {
        var w = await WorldAsync();
        var id = await App.SendAsAsync(w.Member, NewCase(w));
        var member = (await App.UserAsync(w.Member)).Id;

        // 31 October is the 30th day; the nudge goes out that morning (a Saturday: Monday 2 November, 09:00 JST).
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await PlanAsync(w.ProgramId);
        var nudge = Assert.Single(await FollowUpNudgesAsync(w.ProgramId, member));
        Assert.Equal((id, new DateOnly(2026, 10, 31), NudgeState.Pending), (nudge.SubjectId, nudge.SubjectDate, nudge.State));
        Assert.Equal(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), nudge.DueAt);

        App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 0, 5, 0, TimeSpan.Zero));
        using (var scope = App.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<NudgeDispatcher>().RunOnceAsync();
        }

        var notification = await App.QueryDbAsync(db => db.Notifications.SingleAsync(n => n.NudgeId == nudge.Id && n.UserId == member));
        Assert.Equal($"/Cases/{id}#follow-up", notification.Link);

        // Recording it answers the 30-day follow-up; the 90-day one comes later.
        var stopped = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(w.Member, new RecordCaseFollowUp.Command(id, CaseOutcome.Stopped, null, null)));
        Assert.Contains(stopped.Errors, e => e.PropertyName == "Reason");
        await App.SendAsAsync(w.Member, new RecordCaseFollowUp.Command(id, CaseOutcome.Piloting, "窓口1か所で試行中。待ち時間が半分に。", null));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 30, 0, 0, 0, TimeSpan.Zero));
        await PlanAsync(w.ProgramId);
        var ninety = Assert.Single(await FollowUpNudgesAsync(w.ProgramId, member), n => n.State == NudgeState.Pending);
        Assert.Equal(new DateOnly(2026, 12, 30), ninety.SubjectDate);

        await App.SendAsAsync(w.Member, new RecordCaseFollowUp.Command(id, CaseOutcome.Adopted, "全窓口で導入。月25時間削減。", null));
        await PlanAsync(w.ProgramId);
        Assert.Equal(NudgeState.Cancelled, (await App.QueryDbAsync(db => db.Nudges.SingleAsync(n => n.Id == ninety.Id))).State);

        var view = await App.SendAsAsync(w.Observer, new CaseDetail.Query(id));
        Assert.Equal([(30, CaseOutcome.Piloting), (90, CaseOutcome.Adopted)], view.FollowUps.Select(f => (f.Checkpoint, f.Status)));
        Assert.Equal(CaseOutcome.Adopted, view.Outcome);

        var summary = await App.SendAsAsync(w.Observer, new ProgramCases.Query(w.ProgramId));
        Assert.Equal((1, 1, 1.0), (summary.Presented, summary.Adopted, summary.AdoptionRate));
    }

    [SkippableFact]
    public async Task A_team_that_presented_without_a_case_is_asked_to_write_it()
    {
        // A programme long finished (its stages ended in early 2026): only the follow-up day brings it back to the planner.
        var w = await WorldAsync(start: new DateOnly(2025, 4, 1));
        Assert.True(await App.QueryDbAsync(db => db.Stages.Where(s => s.ProgramId == w.ProgramId).MaxAsync(s => s.EndDate)) < new DateOnly(2026, 10, 1));
        var member = (await App.UserAsync(w.Member)).Id;
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        await PlanAllAsync();
        var nudge = Assert.Single(await FollowUpNudgesAsync(w.ProgramId, member));
        Assert.Equal(w.TeamId, nudge.SubjectId);

        var summary = await App.SendAsAsync(w.Organizer, new ProgramCases.Query(w.ProgramId));
        Assert.Equal((1, 0, 1, 0.0), (summary.Presented, summary.Adopted, summary.Unknown, summary.AdoptionRate));

        await App.SendAsAsync(w.Member, NewCase(w));
        await PlanAllAsync();
        Assert.Equal(NudgeState.Cancelled, (await App.QueryDbAsync(db => db.Nudges.SingleAsync(n => n.Id == nudge.Id))).State);
    }

    [SkippableFact]
    public async Task Another_organisation_starts_a_team_from_a_shared_case_which_is_credited_and_counted()
    {
        var w = await WorldAsync();
        var other = await OtherOrganizationAsync();
        var id = await App.SendAsAsync(w.Member, NewCase(w));
        await App.SendAsAsync(w.Organizer, new ApproveCasePublication.Command(id, CaseLevel.Shared, null));

        // Only an organiser of the target programme may.
        await Assert.ThrowsAsync<ForbiddenException>(() => App.SendAsAsync(other.Member, new ReuseCase.Command(other.ProgramId, id, null, "新チーム")));
        var newTeam = await App.SendAsAsync(other.Organizer, new ReuseCase.Command(other.ProgramId, id, null, "申請オンライン化チーム"));
        var existing = await App.SendAsAsync(other.Organizer, new ReuseCase.Command(other.ProgramId, id, other.TeamId, null));
        Assert.Equal(other.TeamId, existing);
        await Assert.ThrowsAsync<ConflictException>(() => App.SendAsAsync(other.Organizer, new ReuseCase.Command(other.ProgramId, id, other.TeamId, null)));
        var wrongTeam = await Assert.ThrowsAsync<RequestValidationException>(() => App.SendAsAsync(other.Organizer, new ReuseCase.Command(other.ProgramId, id, w.TeamId, null)));
        Assert.Contains(wrongTeam.Errors, e => e.PropertyName == "TeamId");

        var teams = await App.QueryDbAsync(db => db.Teams.Where(t => t.Id == newTeam || t.Id == other.TeamId).ToListAsync());
        Assert.All(teams, t => Assert.Equal(id, t.SourceCaseId));
        Assert.All(teams, t => Assert.StartsWith("オンライン申請書で窓口の待ち時間を減らす", t.ProblemTheme, StringComparison.Ordinal));
        var view = await App.SendAsAsync(w.Observer, new CaseDetail.Query(id));
        Assert.Equal(2, view.ReuseCount);
        Assert.Equal(2, (await App.SendAsAsync(other.Organizer, new SearchCases.Query("オンライン申請書"))).Items.Single(i => i.Id == id).ReuseCount);
    }

    [SkippableFact]
    public async Task A_case_document_exported_here_imports_into_another_database_with_its_attachment_and_follow_ups()
    {
        var w = await WorldAsync();
        var id = await App.SendAsAsync(w.Member, NewCase(w, files: [w.AcceptedFile]));
        await App.SendAsAsync(w.Member, new RecordCaseFollowUp.Command(id, CaseOutcome.Piloting, "試行中", null));
        await App.SendAsAsync(w.Member, new SetCaseNameConsent.Command(id, true));

        var api = await App.ApiClientAsync(w.Observer);
        var response = await api.GetAsync($"/api/v1/cases/{id}/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString() ?? response.Headers.GetValues("Content-Disposition").First(), StringComparison.Ordinal);
        var json = await response.Content.ReadAsStringAsync();

        // The document follows the schema published in the repository.
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(Path.Combine(RepositoryRoot(), "src", "Cohort.Web", "wwwroot", "schemas", "case-document.v1.json"));
        Assert.Empty(schema.Validate(json));
        var names = JsonDocument.Parse(json).RootElement.GetProperty("contributors").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("山田 太郎", names);
        Assert.DoesNotContain("佐藤 花子", names); // did not consent: travels without a name

        await using var elsewhere = new SqliteApp();
        await elsewhere.InitializeAsync();
        var organization = await Seed.OrganizationAsync(elsewhere);
        var target = await elsewhere.ApiClientAsync();
        var imported = await target.PostAsync($"/api/v1/organizations/{organization}/cases/import", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var newId = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var copy = await elsewhere.SendAsync(new CaseDetail.Query(newId));
        var original = await App.SendAsAsync(w.Observer, new CaseDetail.Query(id));
        Assert.Equal((original.Title, original.AsIs, original.Lessons, original.Outcome, original.Year, original.ShowcaseDate), (copy.Title, copy.AsIs, copy.Lessons, copy.Outcome, copy.Year, copy.ShowcaseDate));
        Assert.Equal(CaseLevel.Private, copy.Level);
        Assert.Equal(original.OrganizationName, copy.OriginOrganization);
        Assert.Equal(["山田 太郎"], copy.Contributors.Select(c => c.Name));
        Assert.Equal([(30, CaseOutcome.Piloting, "試行中")], copy.FollowUps.Select(f => (f.Checkpoint, f.Status, f.Effect)));
        var attachment = Assert.Single(copy.Attachments);
        var file = await elsewhere.SendAsync(new CaseAttachmentFile.Query(newId, attachment.Id));
        using (var bytes = new MemoryStream())
        {
            await file.Content.CopyToAsync(bytes);
            file.Content.Dispose();
            Assert.Equal(Seed.Png, bytes.ToArray());
        }

        // Found by search there too, and importing the same case again is a conflict.
        Assert.Contains((await elsewhere.SendAsync(new SearchCases.Query("申請"))).Items, i => i.Id == newId);
        var again = await target.PostAsync($"/api/v1/organizations/{organization}/cases/import", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // A document whose attachment was changed on the way is refused whole.
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        node["attachments"]![0]!["content"] = Convert.ToBase64String([.. Seed.Png, 0]);
        var tampered = node.ToJsonString();
        var other = await Seed.OrganizationAsync(elsewhere);
        var count = await elsewhere.QueryDbAsync(db => db.Cases.CountAsync());
        var refused = await target.PostAsync($"/api/v1/organizations/{other}/cases/import", new StringContent(tampered, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(count, await elsewhere.QueryDbAsync(db => db.Cases.CountAsync()));
    }

    [SkippableFact]
    public async Task Japanese_search_words_of_three_characters_are_looked_up_in_the_trigram_index()
    {
        var w = await WorldAsync();
        await App.SendAsAsync(w.Member, NewCase(w));
        var plan = await App.QueryDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            if (App.IsPostgres)
            {
                // Force the planner's hand on a small table: the question is whether the index can serve the Japanese pattern.
                command.CommandText = "SET enable_seqscan = off; EXPLAIN SELECT \"Id\" FROM \"Cases\" WHERE \"SearchText\" LIKE '%申請書%'";
            }
            else
            {
                command.CommandText = "EXPLAIN QUERY PLAN SELECT rowid FROM \"CaseSearch\" WHERE \"CaseSearch\" MATCH '\"申請書\"'";
            }

            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
            }

            return string.Join('\n', lines);
        });
        Assert.Contains(App.IsPostgres ? "IX_Cases_SearchText_trgm" : "VIRTUAL TABLE INDEX", plan, StringComparison.Ordinal);
        if (App.IsPostgres)
        {
            // The trigram index holds Japanese only where the database's character classes are UTF-8 (README: production set-up).
            Assert.NotEqual("{}", await App.QueryDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT show_trgm('申請書')::text AS \"Value\"").SingleAsync()));
        }
    }

    /// <summary>As the dispatcher does: every programme that may need nudges (a finished one only around its follow-up days).</summary>
    private async Task PlanAllAsync()
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<NudgePlanner>().PlanAllAsync(CancellationToken.None);
    }

    private async Task PlanAsync(Guid programId)
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<NudgePlanner>().PlanAsync(programId, CancellationToken.None);
    }

    private Task<List<Nudge>> FollowUpNudgesAsync(Guid programId, Guid user) =>
        App.QueryDbAsync(db => db.Nudges.AsNoTracking().Where(n => n.ProgramId == programId && n.RecipientUserId == user && n.Kind == NudgeKind.CaseFollowUp).OrderBy(n => n.Id).ToListAsync());

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cohort.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cohort.sln not found above the test folder.");
    }
}

public sealed class CaseLibraryTests_Sqlite(SqliteApp app) : CaseLibraryTests<SqliteApp>(app);

public sealed class CaseLibraryTests_Postgres(PostgresApp app) : CaseLibraryTests<PostgresApp>(app);
