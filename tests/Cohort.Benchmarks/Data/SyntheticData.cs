using System.Globalization;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Calendar;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.Cases;
using Cohort.Web.Features.Programs;
using Cohort.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace Cohort.Benchmarks.Data;

/// <summary>How big a dataset is. <see cref="City"/> is the target programme alone; national adds the background.</summary>
internal sealed record DatasetSize(string Name, double Scale, int Organizations, int Years, int CheckInsPerTeam, int NudgesPerParticipant, int CasesPerProgramme)
{
    public static DatasetSize City { get; } = new("city", 1, 0, 0, 0, 0, 0);

    /// <summary>
    /// 1,741 organisations (Japan's municipalities) × 10 years, one programme each a year of 20–40 participants (≈ 30:
    /// ≈ 520,000 participants), teams of 5, 19 check-ins per team (≈ 2,000,000), 19 nudges per participant
    /// (≈ 10,000,000), 2 cases per past programme. <paramref name="scale"/> shrinks the number of organisations only,
    /// so every programme keeps its real shape.
    /// </summary>
    public static DatasetSize National(double scale) =>
        new("national", scale, Math.Max(1, (int)Math.Round(1741 * scale)), 10, 19, 19, 2);
}

/// <summary>What the load generator needs to address the target programme.</summary>
internal sealed record TargetIds(
    Guid OrganizationId,
    Guid ProgramId,
    IReadOnlyList<Guid> TeamIds,
    /// <summary>Teams of the mentor's with no open action items, so a check-in needs no decisions (see RecordCheckIn).</summary>
    IReadOnlyList<Guid> WritableTeamIds,
    string OrganizerToken,
    string MentorToken,
    Guid MentorId,
    string MemberToken,
    Guid MemberTeamId,
    /// <summary>The organiser, the mentor and the member (in that order): ids for the floors, which are anonymous, and e-mails for signing in to pages.</summary>
    IReadOnlyList<(Guid Id, string Email)> Users,
    /// <summary>Milestones still ahead with a deliverable, in stages open for the member's team: a draft can be saved and submitted.</summary>
    IReadOnlyList<Guid> OpenMilestoneIds);

/// <summary>
/// Deterministic synthetic data (fixed seed; every programme draws from its own generator, so the target programme is
/// identical at every size and scale). The target programme ("the city": 1 programme, 10 teams of 5, 3 mentors, a term
/// of check-ins, action items, replies and submissions up to <see cref="Anchor"/>) is written first; the national
/// background adds organisations with ten years of programmes of the same shape. Stages, milestones and rubrics come from
/// the real template through the app's own <see cref="CreateProgramFromTemplate.Build"/>; rows are the app's entities,
/// written by <see cref="BulkWriter"/>.
/// </summary>
internal sealed class SyntheticData(ProgramTemplate template, BulkWriter writer)
{
    public const int Seed = 20261123;
    public const string TargetOrganizationName = "ベンチ市";

    /// <summary>"Today" of the dataset and of the app under test: Wednesday 10 June 2026, noon in Tokyo (03:00 UTC).</summary>
    public static readonly DateTimeOffset Anchor = new(2026, 6, 10, 3, 0, 0, TimeSpan.Zero);

    private const int TeamSize = 5;
    private const int ProgrammesPerFlush = 100;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Anchor.UtcDateTime);
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.JapanWithYearEndClosure;
    /// <summary>Every generated user's password, so pages can be driven through the app's own sign-in form.</summary>
    public const string Password = "Bench-password-1234";

    /// <summary>
    /// <see cref="Password"/> in Identity's V3 format (PBKDF2-HMAC-SHA512, 100,000 iterations, a fixed 16-byte salt), so
    /// the users' rows are the same on every run: <c>PasswordHasher.HashPassword</c> draws a random salt each time. Checked
    /// against the app's hasher before anything is written (a rehash on sign-in would add a write to the first page view).
    /// </summary>
    private const string PasswordHash = "AQAAAAIAAYagAAAAEGNvaG9ydC5iZW5jaC5wd2TexrF08RQxnQPp6wQo4MCIwcF2vPjRzY0st5yrAsHtlQ==";

    private static readonly string[] Departments = ["建設課", "下水道課", "福祉課", "税務課", "子育て支援課", "市民課", "企画課", "防災課", "環境課", "教育総務課"];
    private static readonly string[] Themes =
    [
        "窓口の申請書をオンライン申請に置き換えたい", "電話の問い合わせを減らすためにFAQを整えたい", "紙の台帳をデータベースにしたい",
        "現場の点検結果をスマートフォンで報告したい", "会議の日程調整を自動化したい", "補助金の審査状況を見える化したい",
    ];

    private static readonly string[] Surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤"];
    private static readonly string[] GivenNames = ["健一", "美咲", "大輔", "由美", "翔", "香織", "誠", "陽子", "太郎", "さくら"];
    private static readonly NudgeKind[] NudgeKinds = [NudgeKind.CheckInDue, NudgeKind.MilestoneDueSoon, NudgeKind.ActionItemDue, NudgeKind.ReviewWaiting];

    private readonly Batch _batch = new();

    public async Task<TargetIds> WriteAsync(DatasetSize size)
    {
        var target = await WriteTargetAsync();
        if (size.Organizations > 0)
        {
            await WriteBackgroundAsync(size);
        }

        return target;
    }

    private async Task<TargetIds> WriteTargetAsync()
    {
        if (new PasswordHasher<AppUser>().VerifyHashedPassword(null!, PasswordHash, Password) != PasswordVerificationResult.Success)
        {
            throw new InvalidOperationException("The fixed password hash no longer verifies as current with the app's PasswordHasher: make a new one.");
        }

        var rng = new Random(Seed);
        var org = Stamp(new Organization { Name = TargetOrganizationName, NameEn = "Bench City" }, rng, Anchor.UtcDateTime.AddYears(-1));
        _batch.Organizations.Add(org);
        var organizer = User(rng, "organizer@bench-city.example.jp", "企画 太郎");
        _batch.Add(Stamp(new OrganizationMember { OrganizationId = org.Id, UserId = organizer.Id, Role = OrganizationRole.Admin }, rng, org.CreatedAt));
        var mentors = Enumerable.Range(1, 3).Select(i =>
        {
            var user = User(rng, $"mentor{i}@bench-city.example.jp", $"メンター {i}");
            return Stamp(new Mentor { Name = user.DisplayName, Email = user.Email!, Affiliation = "地域DX支援ラボ", UserId = user.Id }, rng, org.CreatedAt);
        }).ToList();
        _batch.Mentors.AddRange(mentors);

        var program = Programme(rng, org, organizer, mentors, fiscalYear: 2026, participants: 50, checkInsPerTeam: 0, nudgesPerParticipant: 19, cases: 0, index: 0, out var teams);
        // Two earlier cases of the city (written before this programme, so tied to no team), so the search finds its own.
        _batch.Cases.AddRange(Enumerable.Range(0, 2).Select(i => Case(rng, org, null, Themes[i], Departments[i], 2025)));
        var member = _batch.Participants.First(p => p.TeamId == teams[0].Id);
        var users = new[] { organizer.Id, mentors[0].UserId!.Value, member.UserId!.Value }.Select(id => _batch.Users.Single(u => u.Id == id)).ToArray();
        var tokens = users.Select(u => Token(rng, u)).ToArray();
        var open = program.AllMilestones()
            .Where(m => m.DueDate >= Today && m.Deliverable is DeliverableType.Document or DeliverableType.Prototype or DeliverableType.Presentation)
            .Where(m => program.Stages.Single(s => s.Id == m.StageId) is var stage && (stage.Order == 1 || stage.StartDate <= Today))
            .Select(m => m.Id).ToList();
        await FlushAsync();
        return new TargetIds(org.Id, program.Id, teams.Select(t => t.Id).ToList(), teams.Where((_, i) => i % 5 == 4 && i % mentors.Count == 0).Select(t => t.Id).ToList(),
            tokens[0], tokens[1], mentors[0].Id, tokens[2], teams[0].Id, users.Select(u => (u.Id, u.Email!)).ToList(), open);
    }

    private async Task WriteBackgroundAsync(DatasetSize size)
    {
        // A national pool of outside mentors: each serves programmes of several organisations.
        var poolRng = new Random(Seed + 1);
        var pool = Enumerable.Range(0, Math.Max(3, size.Organizations)).Select(i =>
        {
            var user = User(poolRng, $"mentor{i:D5}@mentors.example.jp", $"{Surnames[i % 10]} {GivenNames[i / 10 % 10]}");
            return Stamp(new Mentor { Name = user.DisplayName, Email = user.Email!, Affiliation = "DX支援 " + (i % 50), UserId = user.Id }, poolRng, Anchor.UtcDateTime.AddYears(-10));
        }).ToList();
        _batch.Mentors.AddRange(pool);
        await FlushAsync();

        var programmes = 0;
        for (var o = 1; o <= size.Organizations; o++)
        {
            var rng = new Random(Seed + (o * 7919));
            var org = Stamp(new Organization { Name = $"ベンチ団体{o:D4}", NameEn = $"Bench organisation {o}" }, rng, Anchor.UtcDateTime.AddYears(-10));
            _batch.Organizations.Add(org);
            var admin = User(rng, $"admin{o:D4}@org.example.jp", $"管理者 {o}");
            _batch.Add(Stamp(new OrganizationMember { OrganizationId = org.Id, UserId = admin.Id, Role = OrganizationRole.Admin }, rng, org.CreatedAt));
            for (var y = 0; y < size.Years; y++)
            {
                var mentors = Enumerable.Range(0, 3).Select(_ => pool[rng.Next(pool.Count)]).Distinct().ToList();
                Programme(rng, org, admin, mentors, fiscalYear: 2026 - y, participants: rng.Next(20, 41), size.CheckInsPerTeam, size.NudgesPerParticipant, size.CasesPerProgramme, index: (o * 100) + y, out _);
                if (++programmes % ProgrammesPerFlush == 0)
                {
                    await FlushAsync();
                }
            }
        }

        await FlushAsync();
    }

    /// <summary>One programme of the template's shape starting in April of <paramref name="fiscalYear"/>, with its people and history up to the anchor.</summary>
    private TrainingProgram Programme(Random rng, Organization org, AppUser organizer, IReadOnlyList<Mentor> mentors, int fiscalYear, int participants,
        int checkInsPerTeam, int nudgesPerParticipant, int cases, int index, out List<Team> teams)
    {
        var program = CreateProgramFromTemplate.Build(template, org.Id, $"令和{fiscalYear - 2018}年度 DX人材育成研修", new DateOnly(fiscalYear, 4, 1));
        var created = program.StartDate.AddDays(-30).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Stamp(program, rng, created);
        _batch.Programs.Add(program);
        _batch.Add(Stamp(new ProgramMember { ProgramId = program.Id, UserId = organizer.Id, Role = ProgramRole.Organizer }, rng, created));
        foreach (var stage in program.Stages)
        {
            Stamp(stage, rng, created).ProgramId = program.Id;
            _batch.Stages.Add(stage);
            foreach (var milestone in stage.Milestones)
            {
                Stamp(milestone, rng, created).StageId = stage.Id;
                _batch.Milestones.Add(milestone);
            }

            foreach (var criterion in stage.Rubric)
            {
                Stamp(criterion, rng, created).StageId = stage.Id;
                _batch.Rubric.Add(criterion);
            }
        }

        var end = program.Stages.Max(s => s.EndDate);
        var last = end < Today ? end : Today;
        var span = Math.Max(1, Calendar.WorkingDaysBetween(program.StartDate, last));
        // The target city keeps the template's cadence; the background spreads its check-ins over the programme.
        var cadence = checkInsPerTeam > 0 ? Math.Max(1, span / checkInsPerTeam) : program.CheckInCadenceWorkingDays;
        var teamCount = (participants + TeamSize - 1) / TeamSize;
        teams = [];
        for (var t = 0; t < teamCount; t++)
        {
            var team = Stamp(new Team { ProgramId = program.Id, Name = $"チーム{t + 1:D2} {Departments[t % Departments.Length]}", Department = Departments[t % Departments.Length], ProblemTheme = Themes[rng.Next(Themes.Length)] }, rng, created);
            teams.Add(team);
            _batch.Teams.Add(team);
            var mentor = mentors[t % mentors.Count];
            _batch.Add(Stamp(new MentorAssignment { TeamId = team.Id, MentorId = mentor.Id }, rng, created));

            var members = new List<Participant>();
            for (var p = t * TeamSize; p < Math.Min(participants, (t + 1) * TeamSize); p++)
            {
                var name = $"{Surnames[rng.Next(10)]} {GivenNames[rng.Next(10)]}";
                var user = User(rng, $"p{index:D6}-{p:D2}@staff.example.jp", name);
                var participant = Stamp(new Participant { ProgramId = program.Id, Name = name, Email = user.Email!, Department = team.Department, TeamId = team.Id, UserId = user.Id }, rng, created);
                members.Add(participant);
                _batch.Participants.Add(participant);
            }

            foreach (var stage in program.Stages.Where(st => st.Order > 1 && st.StartDate <= last))
            {
                _batch.Add(Stamp(new StageGate { ProgramId = program.Id, TeamId = team.Id, StageId = stage.Id, State = GateState.Open, Reason = "前のステージの成果物を承認", DecidedByUserId = organizer.Id, DecidedAt = stage.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) }, rng, created));
            }

            CheckIns(rng, program, team, mentor, members, cadence, last, keepItemsOpen: t % 5 != 4);
            Submissions(rng, program, team, members[0]);
            foreach (var member in members)
            {
                Nudges(rng, program, team, member, nudgesPerParticipant, last);
            }
        }

        if (program.StartDate.Year < Today.Year || end < Today)
        {
            for (var c = 0; c < cases && c < teams.Count; c++)
            {
                _batch.Cases.Add(Case(rng, org, teams[c], teams[c].ProblemTheme!, teams[c].Department!, fiscalYear));
            }
        }

        return program;
    }

    private void CheckIns(Random rng, TrainingProgram program, Team team, Mentor mentor, List<Participant> members, int cadence, DateOnly last, bool keepItemsOpen)
    {
        var open = new List<ActionItem>();
        var held = Calendar.AddWorkingDays(program.StartDate, cadence);
        var number = 0;
        while (held <= last)
        {
            var at = held.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc);
            var health = (HealthStatus)(rng.Next(10) switch { < 7 => 0, < 9 => 1, _ => 2 });
            var checkIn = Stamp(new CheckIn
            {
                ProgramId = program.Id,
                TeamId = team.Id,
                MentorId = mentor.Id,
                RecordedByUserId = mentor.UserId!.Value,
                HeldOn = held,
                DurationMinutes = 30 + (rng.Next(4) * 15),
                Format = (CheckInFormat)rng.Next(2),
                Attendees = string.Join("、", members.Select(m => m.Name)),
                SharedNotes = $"第{++number}回の面談。{team.ProblemTheme}。現状の業務フローを確認し、次の一手を決めた。",
                PrivateNotes = rng.Next(3) == 0 ? "課長の関与が弱い。次回は同席を依頼する。" : null,
                Health = health,
                HealthReason = health == HealthStatus.OnTrack ? null : "スケジュールが遅れている",
                Blockers = health == HealthStatus.NeedsHelp ? "庁内の調整が進まない" : null,
            }, rng, at);
            _batch.CheckIns.Add(checkIn);
            foreach (var item in open)
            {
                item.Close("対応済み", checkIn.Id);
            }

            open.Clear();
            if (number % 3 == 0)
            {
                _batch.Add(Stamp(new CheckInReply { CheckInId = checkIn.Id, AuthorUserId = members[0].UserId!.Value, AuthorName = members[0].Name, Text = "ありがとうございました。次回までに進めます。" }, rng, at.AddHours(3)));
            }

            var next = Calendar.AddWorkingDays(held, cadence);
            var raise = next > last && !keepItemsOpen ? 0 : 1 + rng.Next(2);
            for (var i = 0; i < raise; i++)
            {
                var item = Stamp(new ActionItem
                {
                    ProgramId = program.Id,
                    TeamId = team.Id,
                    RaisedInCheckInId = checkIn.Id,
                    Title = i == 0 ? "関係課へのヒアリングを行う" : "試作の画面を3人に試してもらう",
                    OwnerParticipantId = members[rng.Next(members.Count)].Id,
                    DueDate = Calendar.AddWorkingDays(held, Math.Max(1, cadence - 2)),
                    Status = ActionItemStatus.Open,
                }, rng, at);
                open.Add(item);
                _batch.ActionItems.Add(item);
            }

            held = next;
        }
    }

    private void Submissions(Random rng, TrainingProgram program, Team team, Participant author)
    {
        foreach (var milestone in program.AllMilestones().Where(m => m.DueDate < Today && m.Deliverable is DeliverableType.Document or DeliverableType.Prototype or DeliverableType.Presentation))
        {
            var at = milestone.DueDate.AddDays(-1).ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
            var submission = Stamp(new Submission { ProgramId = program.Id, TeamId = team.Id, MilestoneId = milestone.Id, Status = SubmissionStatus.Accepted }, rng, at);
            _batch.Submissions.Add(submission);
            _batch.Add(Stamp(new SubmissionVersion
            {
                SubmissionId = submission.Id,
                Number = 1,
                Title = milestone.Name,
                Description = $"{team.ProblemTheme}についての{milestone.Name}。",
                Links = "https://docs.example.jp/" + submission.Id.ToString("N"),
                AuthorUserId = author.UserId!.Value,
                SubmittedAt = at,
            }, rng, at));
        }
    }

    private void Nudges(Random rng, TrainingProgram program, Team team, Participant member, int count, DateOnly last)
    {
        var day = program.StartDate;
        for (var i = 0; i < count; i++)
        {
            day = Calendar.AddWorkingDays(day, 3);
            var kind = NudgeKinds[i % NudgeKinds.Length];
            var due = program.MorningOfUtc(day);
            var sent = day <= last;
            _batch.Nudges.Add(new Nudge
            {
                ProgramId = program.Id,
                RecipientUserId = member.UserId!.Value,
                Kind = kind,
                SubjectId = team.Id,
                SubjectDate = day,
                DedupeKey = Nudge.KeyFor(kind, team.Id, member.UserId!.Value, day),
                DueAt = due,
                State = sent ? NudgeState.Sent : NudgeState.Pending,
                CreatedAt = due.AddDays(-3),
                SentAt = sent ? due.AddMinutes(rng.Next(5)) : null,
            });
        }
    }

    private static CaseStudy Case(Random rng, Organization org, Team? team, string theme, string department, int fiscalYear)
    {
        var level = (CaseLevel)rng.Next(3);
        var c = Stamp(new CaseStudy
        {
            OrganizationId = org.Id,
            ProgramId = team?.ProgramId,
            TeamId = team?.Id,
            Title = theme.Replace("したい", "", StringComparison.Ordinal) + $"（{department}）",
            Department = department,
            DepartmentArea = CaseFacets.DepartmentAreas[rng.Next(CaseFacets.DepartmentAreas.Count)],
            ProblemType = CaseFacets.ProblemTypes[rng.Next(CaseFacets.ProblemTypes.Count)],
            Tool = rng.Next(2) == 0 ? "kintone" : "Power Apps",
            AsIs = "紙の申請書を窓口で受け付け、職員が手入力していた。",
            ToBe = "住民がスマートフォンから申請し、担当課に自動で振り分けられる。",
            PrototypeWhat = "申請フォームと受付一覧",
            Lessons = "現場の職員を最初から巻き込むこと。",
            Outcome = (CaseOutcome)rng.Next(5),
            Year = fiscalYear,
            Level = level,
            PublishedAt = level == CaseLevel.Private ? null : new DateTime(fiscalYear + 1, 1, 20, 0, 0, 0, DateTimeKind.Utc),
        }, rng, new DateTime(fiscalYear + 1, 1, 10, 0, 0, 0, DateTimeKind.Utc));
        // As CaseRules.Index does: the texts and the organisation's name, normalised.
        c.SearchText = CaseSearchText.Normalize(string.Join('\n', new[] { c.Title, c.Department, c.Tool, c.AsIs, c.ToBe, c.PrototypeWhat, c.Effects, c.Lessons, c.NextSteps, org.Name }
            .Where(p => !string.IsNullOrWhiteSpace(p))));
        return c;
    }

    private AppUser User(Random rng, string email, string name)
    {
        var user = new AppUser
        {
            Id = NewId(rng),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            PasswordHash = PasswordHash,
            SecurityStamp = NewId(rng).ToString("N").ToUpperInvariant(),
            ConcurrencyStamp = NewId(rng).ToString(),
            DisplayName = name,
            Language = "ja",
            CreatedAt = Anchor.UtcDateTime.AddYears(-1),
        };
        _batch.Users.Add(user);
        return user;
    }

    private string Token(Random rng, AppUser user)
    {
        var secret = TokenSecrets.Prefix + "bench" + NewId(rng).ToString("N") + NewId(rng).ToString("N");
        _batch.Add(new PersonalAccessToken
        {
            Id = NewId(rng),
            UserId = user.Id,
            Name = "benchmark",
            TokenHash = TokenSecrets.Hash(secret),
            Prefix = secret[..16],
            CreatedAt = Anchor.UtcDateTime.AddDays(-1),
        });
        return secret;
    }

    private static T Stamp<T>(T entity, Random rng, DateTime at)
        where T : Entity
    {
        entity.Id = NewId(rng);
        entity.Version = NewId(rng);
        entity.CreatedAt = at;
        entity.UpdatedAt = at;
        return entity;
    }

    /// <summary>A version-4-shaped GUID from the seeded generator, so ids are the same on every run.</summary>
    private static Guid NewId(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Parents before children, so PostgreSQL's foreign keys hold at every COPY.</summary>
    private async Task FlushAsync()
    {
        var b = _batch;
        await writer.WriteAsync(b.Organizations);
        await writer.WriteAsync(b.Users);
        await writer.WriteAsync(b.OrganizationMembers);
        await writer.WriteAsync(b.Mentors);
        await writer.WriteAsync(b.Programs);
        await writer.WriteAsync(b.ProgramMembers);
        await writer.WriteAsync(b.Stages);
        await writer.WriteAsync(b.Milestones);
        await writer.WriteAsync(b.Rubric);
        await writer.WriteAsync(b.Teams);
        await writer.WriteAsync(b.Participants);
        await writer.WriteAsync(b.MentorAssignments);
        await writer.WriteAsync(b.Gates);
        await writer.WriteAsync(b.CheckIns);
        await writer.WriteAsync(b.Replies);
        await writer.WriteAsync(b.ActionItems);
        await writer.WriteAsync(b.Submissions);
        await writer.WriteAsync(b.Versions);
        await writer.WriteAsync(b.Nudges);
        await writer.WriteAsync(b.Cases);
        await writer.WriteAsync(b.Tokens);
        b.Clear();
    }

    private sealed class Batch
    {
        public List<Organization> Organizations { get; } = [];

        public List<AppUser> Users { get; } = [];

        public List<OrganizationMember> OrganizationMembers { get; } = [];

        public List<Mentor> Mentors { get; } = [];

        public List<TrainingProgram> Programs { get; } = [];

        public List<ProgramMember> ProgramMembers { get; } = [];

        public List<Stage> Stages { get; } = [];

        public List<Milestone> Milestones { get; } = [];

        public List<RubricCriterion> Rubric { get; } = [];

        public List<Team> Teams { get; } = [];

        public List<Participant> Participants { get; } = [];

        public List<MentorAssignment> MentorAssignments { get; } = [];

        public List<CheckIn> CheckIns { get; } = [];

        public List<CheckInReply> Replies { get; } = [];

        public List<ActionItem> ActionItems { get; } = [];

        public List<Submission> Submissions { get; } = [];

        public List<SubmissionVersion> Versions { get; } = [];

        public List<Nudge> Nudges { get; } = [];

        public List<CaseStudy> Cases { get; } = [];

        public List<PersonalAccessToken> Tokens { get; } = [];

        public List<StageGate> Gates { get; } = [];

        public void Add(OrganizationMember x) => OrganizationMembers.Add(x);

        public void Add(ProgramMember x) => ProgramMembers.Add(x);

        public void Add(MentorAssignment x) => MentorAssignments.Add(x);

        public void Add(CheckInReply x) => Replies.Add(x);

        public void Add(SubmissionVersion x) => Versions.Add(x);

        public void Add(PersonalAccessToken x) => Tokens.Add(x);

        public void Add(StageGate x) => Gates.Add(x);

        public void Clear()
        {
            foreach (var list in new System.Collections.IList[] { Organizations, Users, OrganizationMembers, Mentors, Programs, ProgramMembers, Stages, Milestones, Rubric, Teams, Participants, MentorAssignments, CheckIns, Replies, ActionItems, Submissions, Versions, Nudges, Cases, Tokens, Gates })
            {
                list.Clear();
            }
        }
    }
}
