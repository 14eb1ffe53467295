using System.Security.Cryptography;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.CheckIns;
using Cases = Cohort.Web.Features.Cases;
using Cohort.Web.Features.Mentors;
using Cohort.Web.Features.Organizations;
using Cohort.Web.Features.Participants;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Programs;
using Cohort.Web.Features.Showcases;
using Cohort.Web.Features.Submissions;
using Cohort.Web.Features.Teams;
using Cohort.Web.Infrastructure.Auth;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Demo;

/// <summary>
/// A living demo in the embedded database: a fictional city's two-stage DX programme with three teams modelled on the
/// reference programme (construction: one intake for road and park requests; sewerage: an asset register with failure
/// reports; welfare: online applications), mentors, check-ins with action items, deliverables at different states and
/// a scheduled showcase. Everything goes through the app's own commands, so it obeys the same rules as real data.
/// </summary>
public sealed class DemoData(IServiceProvider services)
{
    public const string OrganizationName = "みどり市（デモ）";

    public sealed record Account(string Role, string Email);

    public sealed record Result(bool Created, Guid ProgramId, string Password, IReadOnlyList<Account> Accounts);

    private sealed record TeamPlan(string Name, string Department, string Theme, string[] Members, string MentorName, string MentorEmail, string MentorAffiliation);

    private static readonly TeamPlan[] Teams =
    [
        new("道路・公園 要望受付チーム", "建設課", "道路や公園への市民の要望を一つの窓口で受け付け、担当係への振り分けと決裁までを見える化したい",
            ["高橋 健一", "小林 美咲", "中村 大輔", "伊藤 由美"], "松本 彩", "matsumoto@mentor.example.jp", "地域DX支援ラボ"),
        new("下水道 施設台帳チーム", "下水道課", "約8,000件の下水道施設の台帳を整え、維持管理業者からの故障報告を台帳に直接つなげたい",
            ["渡辺 翔", "山本 香織", "加藤 誠"], "松本 彩", "matsumoto@mentor.example.jp", "地域DX支援ラボ"),
        new("福祉 オンライン申請チーム", "福祉課", "紙の申請書を、スマートフォンでも迷わず書けるオンライン申請に置き換えたい",
            ["佐々木 陽子", "山田 太郎", "井上 さくら", "木村 拓也"], "森田 直樹", "morita@mentor.example.jp", "ソーシャルデザイン研究所"),
    ];

    public async Task<Result> LoadAsync(string adminEmail, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<CohortDbContext>();
        var existing = await db.Organizations.Where(o => o.Name == OrganizationName).Select(o => o.Id).FirstOrDefaultAsync(ct);
        if (existing != Guid.Empty)
        {
            var programId = await db.Programs.Where(p => p.OrganizationId == existing).Select(p => p.Id).FirstOrDefaultAsync(ct);
            return new Result(false, programId, "", []);
        }

        await ActAsAsync(sp, adminEmail);
        var mediator = sp.GetRequiredService<IMediator>();
        var clock = sp.GetRequiredService<TimeProvider>();
        var password = "Demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var accounts = new List<Account>();

        var organizationId = await mediator.Send(new CreateOrganization.Command(OrganizationName, "Midori City (demo)"), ct);
        // Started 55 working days ago: Stage 1 is behind the teams, Stage 2 (the prototype) is under way.
        var today = TeamHealth.Today(clock, "Asia/Tokyo");
        var start = Domain.Calendar.WorkingDayCalendar.JapanWithYearEndClosure.AddWorkingDays(today, -55);
        var programId2 = await mediator.Send(new CreateProgramFromTemplate.Command(organizationId, "two-stage-dx", $"令和{today.Year - 2018}年度 DX人材育成研修（デモ）", start), ct);
        var program = await mediator.Send(new ProgramOverview.Query(programId2), ct);

        async Task<string> JoinAsync(string name, string email, InvitedRole role, Guid? teamId)
        {
            var link = await mediator.Send(new InviteToProgram.Command(programId2, email, role, teamId, 30), ct);
            await mediator.Send(new RegisterWithInvitation.Command(link.Token, name, password), ct);
            accounts.Add(new Account(role.ToString(), email));
            return email;
        }

        await JoinAsync("石田 恵（DX推進課）", "organizer@midori.example.jp", InvitedRole.Organizer, null);

        var teamIds = new List<Guid>();
        var mentors = new Dictionary<string, Guid>();
        var n = 0;
        foreach (var plan in Teams)
        {
            var teamId = await mediator.Send(new CreateTeam.Command(programId2, plan.Name, plan.Department, plan.Theme), ct);
            teamIds.Add(teamId);
            foreach (var member in plan.Members)
            {
                n++;
                var email = $"staff{n:00}@midori.example.jp";
                await mediator.Send(new SaveParticipant.Command(programId2, member, email, plan.Department, teamId), ct);
                if (member == plan.Members[0])
                {
                    await JoinAsync(member, email, InvitedRole.TeamMember, teamId);
                }
            }

            if (!mentors.TryGetValue(plan.MentorEmail, out var mentorId))
            {
                await JoinAsync(plan.MentorName, plan.MentorEmail, InvitedRole.Mentor, teamId);
                mentorId = await db.Mentors.Where(m => m.Email == plan.MentorEmail).Select(m => m.Id).SingleAsync(ct);
                mentors[plan.MentorEmail] = mentorId;
            }
            else
            {
                await mediator.Send(new AssignMentor.Command(programId2, teamId, mentorId), ct);
            }
        }

        await CheckInsAsync(mediator, db, programId2, teamIds, today, ct);
        var frameworks = sp.GetRequiredService<Domain.Assessments.SkillFrameworkCatalog>();
        await DemoLearning.AddAsync(db, frameworks, programId2, today.AddDays(-1), withPost: false, seed: 2026, ct);
        await LastYearAsync(mediator, db, frameworks, organizationId, today, ct);
        await SubmissionsAsync(mediator, db, program, teamIds, ct);

        var showcaseDay = program.Stages[^1].Milestones.OrderBy(m => m.DueDate).FirstOrDefault(m => m.Deliverable == DeliverableType.Presentation)?.DueDate
            ?? program.Stages[^1].EndDate;
        await mediator.Send(new ScheduleShowcase.Command(programId2, "DX人材育成研修 成果発表会", "3チームがプロトタイプを発表します。市長室・他部署の職員も視聴します。", showcaseDay,
            new TimeOnly(14, 0), new TimeOnly(16, 0), ShowcaseFormat.Hybrid, "本庁舎 5階 大会議室\n第二庁舎 会議室B", "mayor-office@midori.example.jp",
            "https://teams.microsoft.com/l/meetup-join/demo", SlotMinutes: 15, QaMinutes: 10), ct);
        return new Result(true, programId2, password, accounts);
    }

    private static async Task CheckInsAsync(IMediator mediator, CohortDbContext db, Guid programId, List<Guid> teams, DateOnly today, CancellationToken ct)
    {
        var plans = new (HealthStatus First, HealthStatus Second, string Notes1, string Notes2, string[] Items)[]
        {
            (HealthStatus.OnTrack, HealthStatus.OnTrack, "要望の受付経路（電話・メール・窓口）を洗い出した。年間約1,200件。", "kintone でのアプリ試作を開始。係ごとの振り分けルールを整理中。",
                ["受付経路ごとの件数を集計する", "決裁フローを係長と確認する"]),
            (HealthStatus.AtRisk, HealthStatus.AtRisk, "台帳のExcelが年度ごとに分かれていて、施設IDが揃っていない。", "業者からの故障報告の様式を3社に確認。1社から回答待ち。",
                ["施設IDの突合ルールを決める", "業者3社に報告様式を照会する"]),
            (HealthStatus.OnTrack, HealthStatus.NeedsHelp, "紙の申請書の項目を棚卸し。必須でない項目が多い。", "個人情報を含むテストデータの扱いで止まっている。情報政策課に相談が必要。",
                ["申請書の項目を必須・任意に分ける", "情報政策課にテストデータの扱いを相談する"]),
        };
        for (var i = 0; i < teams.Count; i++)
        {
            var plan = plans[i];
            var first = today.AddDays(-20);
            var member = await db.Participants.Where(p => p.TeamId == teams[i]).OrderBy(p => p.Email).Select(p => p.Id).FirstAsync(ct);
            await mediator.Send(new RecordCheckIn.Command(programId, teams[i], first, 45, CheckInFormat.Online, null, plan.Notes1, null, plan.First,
                plan.First == HealthStatus.OnTrack ? null : "進み具合に注意が必要", null, null,
                plan.Items.Select(t => new RecordCheckIn.NewItem(t, member, today.AddDays(3))).ToList()), ct);
            var form = await mediator.Send(new CheckInForm.Query(programId, teams[i]), ct);
            var decisions = form.OpenItems.Select((item, k) => k == 0
                ? new RecordCheckIn.Decision(item.Id, ItemDecision.Close, "完了", null)
                : new RecordCheckIn.Decision(item.Id, ItemDecision.CarryOver, "次回までに", today.AddDays(7))).ToList();
            await mediator.Send(new RecordCheckIn.Command(programId, teams[i], today.AddDays(-6), 40, CheckInFormat.Online, null, plan.Notes2, null, plan.Second,
                plan.Second == HealthStatus.OnTrack ? null : "相談事項あり", plan.Second == HealthStatus.NeedsHelp ? "テストデータの扱いが決まらない" : null, decisions,
                [new RecordCheckIn.NewItem("ユーザーテストの候補者を3人集める", member, today.AddDays(10))]), ct);
        }
    }

    private static async Task SubmissionsAsync(IMediator mediator, CohortDbContext db, ProgramOverview.Result program, List<Guid> teams, CancellationToken ct)
    {
        var stage1 = program.Stages[0];
        var final = stage1.Milestones.Where(m => m.Deliverable != DeliverableType.None).OrderBy(m => m.DueDate).Last();
        var rubric = await db.RubricCriteria.Where(c => c.StageId == stage1.Id).OrderBy(c => c.Order).Select(c => new { c.Id, c.MaxScore }).ToListAsync(ct);
        List<ReviewSubmission.Score> Scores(int v) => rubric.Select(c => new ReviewSubmission.Score(c.Id, Math.Min(v, c.MaxScore), null)).ToList();

        // Construction: Stage 1 accepted (Stage 2 opens), first prototype submitted and waiting for review.
        var a = await mediator.Send(new SaveSubmissionDraft.Command(program.Id, teams[0], final.Id, "要望受付の一元化 提案書", "## 現状\n受付経路が3つに分かれ、担当係への転送に平均2日。\n\n## 提案\nkintone で受付アプリを作り、係ごとに自動で振り分ける。",
            "https://example.jp/demo/road-proposal", null, null, null, null, null), ct);
        await mediator.Send(new SubmitDeliverable.Command(program.Id, teams[0], a), ct);
        await mediator.Send(new ReviewSubmission.Command(program.Id, teams[0], a, 1, ReviewDecision.Accept, "課題と効果が具体的です。ステージ2に進んでください。", Scores(4)), ct);
        var prototype = program.Stages[1].Milestones.First(m => m.Deliverable == DeliverableType.Prototype);
        var p = await mediator.Send(new SaveSubmissionDraft.Command(program.Id, teams[0], prototype.Id, "要望受付アプリ 初版", "地図から場所を選んで要望を送れる受付フォームと、係ごとの一覧。",
            "https://example.jp/demo/road-app", "市民が地図で場所を選び、写真付きで要望を送る。係ごとに一覧と決裁ができる。", "窓口の職員2人に試してもらい、分類の選択肢が多すぎるとの意見。",
            "kintone", false, null), ct);
        await mediator.Send(new SubmitDeliverable.Command(program.Id, teams[0], p), ct);

        // Sewerage: returned with requested changes, answered, resubmitted.
        var b = await mediator.Send(new SaveSubmissionDraft.Command(program.Id, teams[1], final.Id, "施設台帳の統合 提案書 v1", "台帳を一つにまとめる。", null, null, null, null, null, null), ct);
        await mediator.Send(new SubmitDeliverable.Command(program.Id, teams[1], b), ct);
        var review = await mediator.Send(new ReviewSubmission.Command(program.Id, teams[1], b, 1, ReviewDecision.Return, "故障報告の流れと、効果の見込み（時間・件数）を加えてください。", Scores(2)), ct);
        await mediator.Send(new RespondToReview.Command(program.Id, teams[1], review, "業者3社の報告の流れと、年間の照会時間の見込みを追記しました。"), ct);
        await mediator.Send(new SaveSubmissionDraft.Command(program.Id, teams[1], final.Id, "施設台帳の統合 提案書 v2", "台帳を一つにまとめ、故障報告を施設IDで台帳につなぐ。照会時間を年間約300時間削減の見込み。",
            null, null, null, null, null, null), ct);
        await mediator.Send(new SubmitDeliverable.Command(program.Id, teams[1], b), ct);

        // Welfare: a draft only.
        await mediator.Send(new SaveSubmissionDraft.Command(program.Id, teams[2], final.Id, "オンライン申請 提案書（作成中）", "申請書の項目の棚卸しから。", null, null, null, null, null, null), ct);
    }

    /// <summary>
    /// Last year's round, finished: twelve participants in two teams who answered before and after and learned online,
    /// so the learning analytics have a whole programme to show.
    /// </summary>
    private static async Task LastYearAsync(IMediator mediator, CohortDbContext db, Domain.Assessments.SkillFrameworkCatalog frameworks, Guid organizationId, DateOnly today, CancellationToken ct)
    {
        var calendar = Domain.Calendar.WorkingDayCalendar.JapanWithYearEndClosure;
        var start = calendar.AddWorkingDays(today, -250);
        var programId = await mediator.Send(new CreateProgramFromTemplate.Command(organizationId, "two-stage-dx", $"令和{today.Year - 2019}年度 DX人材育成研修（デモ・昨年度）", start), ct);
        string[][] members =
        [
            ["青木 悠", "石井 真理", "岡田 修", "近藤 彩花", "斎藤 浩二", "清水 千尋"],
            ["田村 優太", "中島 明美", "野口 聡", "橋本 遥", "藤田 隆", "前田 奈々"],
        ];
        string[] departments = ["市民課", "税務課"];
        var teams = new List<Guid>();
        var n = 0;
        for (var t = 0; t < members.Length; t++)
        {
            var teamId = await mediator.Send(new CreateTeam.Command(programId, $"{departments[t]} 窓口改善チーム", departments[t], "窓口の待ち時間と書類の書き直しを減らしたい"), ct);
            teams.Add(teamId);
            foreach (var name in members[t])
            {
                n++;
                await mediator.Send(new SaveParticipant.Command(programId, name, $"past{n:00}@midori.example.jp", departments[t], teamId), ct);
            }
        }

        var program = await db.GetProgramWithScheduleAsync(programId, ct);
        var end = program.AllMilestones().Max(m => m.DueDate);
        await DemoLearning.AddAsync(db, frameworks, programId, end, withPost: true, seed: 2025, ct);
        await LastYearCasesAsync(mediator, programId, teams, end, ct);
    }

    /// <summary>
    /// What became of last year's prototypes, for the case library: one adopted and public, one stopped and kept private
    /// (a failure is a case too).
    /// </summary>
    private static async Task LastYearCasesAsync(IMediator mediator, Guid programId, List<Guid> teams, DateOnly showcaseDay, CancellationToken ct)
    {
        await mediator.Send(new ScheduleShowcase.Command(programId, "成果発表会（昨年度）", null, showcaseDay, new TimeOnly(14, 0), new TimeOnly(16, 0), ShowcaseFormat.Online, null, null,
            "https://teams.example/demo-last-year"), ct);
        var adopted = await mediator.Send(new Cases.CreateCase.Command(programId, teams[0], "住民票の窓口申請をオンライン申請書に", "市民課", "resident-services", "paper-forms", "kintone",
            "住民票の写しの請求は紙の申請書のみ。窓口で職員が基幹システムへ書き写し、繁忙期は待ち時間が40分を超えていた。",
            "来庁前にスマートフォンでオンライン申請書に記入し、窓口では二次元コードを読むだけにする。", "申請フォーム、受付一覧、二次元コードの発行。",
            "書き写し作業が月約25時間減る見込み。", "最初の版は項目が多すぎ、試した職員の半分が途中でやめた。必須項目を7つに絞ってから使われるようになった。",
            "転入届への展開を検討する。", CaseOutcome.Prototype, null), ct);
        await mediator.Send(new Cases.RecordCaseFollowUp.Command(adopted, CaseOutcome.Piloting, "本庁舎の窓口1か所で試行。繁忙期の待ち時間が平均40分から22分に。", null), ct);
        await mediator.Send(new Cases.RecordCaseFollowUp.Command(adopted, CaseOutcome.Adopted, "全窓口で導入。書き写し作業が月28時間減った。", null), ct);
        await mediator.Send(new Cases.ApproveCasePublication.Command(adopted, CaseLevel.Shared, null), ct);
        await mediator.Send(new Cases.ApproveCasePublication.Command(adopted, CaseLevel.Public, null), ct);

        var stopped = await mediator.Send(new Cases.CreateCase.Command(programId, teams[1], "納税相談の予約をオンラインに", "税務課", "tax", "scheduling", "Power Apps",
            "納税相談の予約は電話のみで、確定申告期は電話がつながりにくかった。", "相談の空き枠をオンラインで予約できるようにする。", "空き枠の表示と予約、前日のリマインド。",
            null, "相談の多くが高齢の方で、オンライン予約はほとんど使われなかった。利用者に近い人に早く試してもらうべきだった。", null, CaseOutcome.Prototype, null), ct);
        await mediator.Send(new Cases.RecordCaseFollowUp.Command(stopped, CaseOutcome.Stopped, null, "利用が月2件にとどまり、電話予約の時間帯を延ばす方が効果的と判断した。"), ct);
    }

    private static async Task ActAsAsync(IServiceProvider sp, string email)
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No user {email}: start the app once so the first admin exists.");
        var principal = await sp.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user);
        sp.GetRequiredService<CurrentUser>().Set(principal);
    }
}
