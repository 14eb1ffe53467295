using System.Globalization;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Assessments;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Features.Analytics;

public sealed record TeamOption(Guid Id, string Name);

public sealed record Participation(int Participants, int Pre, int Post, int Both);

/// <summary>Before/after for one skill (or all skills together, Key "overall"); Change is null when suppressed.</summary>
public sealed record SkillRow(string Key, string Label, int? N, PairedChange? Change)
{
    public bool Suppressed => Change is null;
}

/// <summary>The overall score's change for a group of people (a team, a department, a band of effort).</summary>
public sealed record GroupRow(string Label, int? N, double? PreMean, double? PostMean, double? MeanChange)
{
    public bool Suppressed => MeanChange is null;
}

public sealed record WeekRow(DateOnly WeekStart, int? ActiveLearners, int? Minutes)
{
    public bool Suppressed => Minutes is null;
}

public sealed record CourseRow(string Title, string? Category, int? Learners, int? Completions, int? Minutes)
{
    public bool Suppressed => Minutes is null;
}

public sealed record DeviceRow(LearningDevice Device, int? Learners, int? Minutes, double? Share)
{
    public bool Suppressed => Minutes is null;
}

/// <summary>Learners with activity in the last four weeks up to <see cref="AsOf"/>, earlier only, or never.</summary>
public sealed record ActivitySummary(DateOnly AsOf, int Active, int Inactive, int Never, int? TotalMinutes, double? MedianMinutes)
{
    public const int ActiveDays = 28;
}

public sealed record EffortOutcome(int N, double? Correlation, IReadOnlyList<GroupRow> ByMinutes, IReadOnlyList<GroupRow> ByPrototype);

/// <summary>One person's own figures; only organisers see these.</summary>
public sealed record IndividualRow(Guid ParticipantId, string Name, string? Team, string? Department, double? Pre, double? Post, int Minutes, int CoursesCompleted, bool PreLate, bool PostLate);

/// <summary>
/// What a programme's learners changed and how they learned: before/after per skill, by team and department,
/// learning minutes per week, courses, devices, active learners, and effort against outcome. Organisers see the whole
/// programme and each person; mentors see aggregates of their own teams. Any group of fewer than
/// <see cref="SmallGroups.MinimumSize"/> people is suppressed.
/// </summary>
public static class LearningAnalytics
{
    public const string OverallKey = "overall";

    /// <summary>Bands of learning minutes for "effort against outcome": under 5 hours, 5 to 15 hours, 15 hours or more.</summary>
    public static readonly int[] MinuteBands = [300, 900];

    [ProgramAccess(ProgramPermission.ReadPeople)]
    public sealed record Query(Guid ProgramId, Guid? TeamId = null) : IRequest<Result>, IProgramRequest;

    public sealed record Result(
        Guid ProgramId,
        string ProgramTitle,
        string? FrameworkTitle,
        bool ShowsIndividuals,
        Guid? TeamId,
        IReadOnlyList<TeamOption> Teams,
        Participation Participation,
        IReadOnlyList<SkillRow> Skills,
        IReadOnlyList<GroupRow> ByTeam,
        IReadOnlyList<GroupRow> ByDepartment,
        IReadOnlyList<WeekRow> Weeks,
        IReadOnlyList<CourseRow> Courses,
        IReadOnlyList<DeviceRow> Devices,
        ActivitySummary Activity,
        EffortOutcome EffortOutcome,
        IReadOnlyList<IndividualRow> Individuals);

    public sealed class Handler(CohortDbContext db, AccessService access, SkillFrameworkCatalog catalog, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query request, CancellationToken cancellationToken)
        {
            var program = await db.GetProgramWithScheduleAsync(request.ProgramId, cancellationToken);
            var me = await access.RequireProgramAsync(program.Id, ProgramPermission.ReadPeople, ct: cancellationToken);
            var allTeams = await db.Teams.Where(t => t.ProgramId == program.Id).OrderBy(t => t.Name)
                .Select(t => new TeamOption(t.Id, t.Name)).ToListAsync(cancellationToken);
            var teams = me.IsOrganizer ? allTeams : allTeams.Where(t => me.MentoredTeams.Contains(t.Id)).ToList();
            if (request.TeamId is { } only)
            {
                var mine = teams.Count;
                teams = teams.Where(t => t.Id == only).ToList();
                if (teams.Count == 0)
                {
                    throw new NotFoundException("Team");
                }

                // A mentor sees one view, their teams together: two views (all my teams, one of them) would give the
                // others' figures by subtraction, however small they are.
                if (!me.IsOrganizer && mine > 1)
                {
                    throw new ForbiddenException("Mentors see the totals of all their teams together, not one team at a time.");
                }
            }

            var teamIds = teams.Select(t => t.Id).ToList();
            var wholeProgram = me.IsOrganizer && request.TeamId is null;
            var people = await db.Participants.AsNoTracking()
                .Where(p => p.ProgramId == program.Id && (wholeProgram || (p.TeamId != null && teamIds.Contains(p.TeamId.Value))))
                .Select(p => new Person(p.Id, p.Name, p.Department, p.TeamId, p.Team == null ? null : p.Team.Name))
                .ToListAsync(cancellationToken);
            var ids = people.Select(p => p.Id).ToList();

            var framework = program.AssessmentFrameworkKey is { } key && catalog.TryGet(key, out var f) ? f : null;
            var assessments = await db.SelfAssessments.AsNoTracking().Include(a => a.Answers)
                .Where(a => a.ProgramId == program.Id && ids.Contains(a.ParticipantId)).ToListAsync(cancellationToken);
            var activity = await db.LearningActivities.AsNoTracking()
                .Where(a => a.ProgramId == program.Id && ids.Contains(a.ParticipantId))
                .Select(a => new Activity(a.ParticipantId, a.CourseTitle, a.Category, a.Minutes, a.Date, a.Completed, a.Device))
                .ToListAsync(cancellationToken);
            var accepted = (await db.Submissions
                .Where(s => s.ProgramId == program.Id && s.Status == SubmissionStatus.Accepted
                    && db.Milestones.Any(m => m.Id == s.MilestoneId && m.Deliverable == DeliverableType.Prototype))
                .Select(s => s.TeamId).Distinct().ToListAsync(cancellationToken)).ToHashSet();

            var culture = CultureInfo.CurrentUICulture;
            var pre = assessments.Where(a => a.Phase == AssessmentPhase.Pre).ToDictionary(a => a.ParticipantId);
            var post = assessments.Where(a => a.Phase == AssessmentPhase.Post).ToDictionary(a => a.ParticipantId);
            // A person's overall score (the mean of all their ratings), worked out once per phase.
            static Dictionary<Guid, double> Means(Dictionary<Guid, SelfAssessment> phase) =>
                phase.Where(kv => kv.Value.Answers.Count > 0).ToDictionary(kv => kv.Key, kv => kv.Value.Answers.Average(x => (double)x.Rating));
            var preOverall = Means(pre);
            var postOverall = Means(post);
            static double? Overall(Dictionary<Guid, double> phase, Guid person) => phase.TryGetValue(person, out var mean) ? mean : null;
            double? Area(Dictionary<Guid, SelfAssessment> phase, Guid person, SkillArea area) =>
                phase.TryGetValue(person, out var a) ? Assessments.MySelfAssessment.AreaMean(a, area) : null;

            var participation = new Participation(people.Count, people.Count(p => pre.ContainsKey(p.Id)), people.Count(p => post.ContainsKey(p.Id)),
                people.Count(p => pre.ContainsKey(p.Id) && post.ContainsKey(p.Id)));

            var skills = new List<SkillRow>();
            if (framework is not null)
            {
                foreach (var area in framework.Areas)
                {
                    skills.Add(Skill(area.Key, area.Name.For(culture), people.Select(p => (Area(pre, p.Id, area), Area(post, p.Id, area))).ToList()));
                }

                skills.Add(Skill(OverallKey, OverallKey, people.Select(p => (Overall(preOverall, p.Id), Overall(postOverall, p.Id))).ToList()));
            }

            GroupRow Group(string label, IEnumerable<Person> members)
            {
                var pairs = members.Select(p => (Pre: Overall(preOverall, p.Id), Post: Overall(postOverall, p.Id))).Where(x => x.Pre is not null && x.Post is not null).ToList();
                if (SmallGroups.IsSuppressed(pairs.Count))
                {
                    return new GroupRow(label, Head(pairs.Count), null, null, null);
                }

                var change = Statistics.Paired(pairs.Select(x => (x.Pre, x.Post)).ToList());
                return new GroupRow(label, pairs.Count, change.PreMean, change.PostMean, change.MeanChange);
            }

            // The overall change is shown beside the groups: a hidden group must not come back by subtraction.
            var answeredBoth = people.Where(p => Overall(preOverall, p.Id) is not null && Overall(postOverall, p.Id) is not null).Select(p => p.Id).ToHashSet();
            List<GroupRow> Partition(IEnumerable<IGrouping<string, Person>> groups)
            {
                var list = groups.ToList();
                var rows = list.Select(g => Group(g.Key, g)).ToList();
                var parts = list.Select(g => (IReadOnlySet<Guid>)g.Where(p => answeredBoth.Contains(p.Id)).Select(p => p.Id).ToHashSet()).ToList();
                var hidden = SmallGroups.Complement(parts, answeredBoth, Enumerable.Range(0, rows.Count).Where(i => rows[i].Suppressed));
                return rows.Select((row, i) => hidden.Contains(i) ? row with { PreMean = null, PostMean = null, MeanChange = null } : row).ToList();
            }

            // Breakdowns are for organisers (who see each person anyway): side by side, several breakdowns of the same
            // people would let a mentor work out a hidden group from the others.
            var byTeam = me.IsOrganizer ? Partition(people.Where(p => p.TeamId is not null).GroupBy(p => p.TeamName!).OrderBy(g => g.Key, StringComparer.Ordinal)) : [];
            var byDepartment = me.IsOrganizer ? Partition(people.Where(p => p.Department is not null).GroupBy(p => p.Department!).OrderBy(g => g.Key, StringComparer.Ordinal)) : [];

            // Minutes likewise: the total is shown beside the weeks, the courses and the devices.
            var learnersWithActivity = activity.Select(a => a.ParticipantId).ToHashSet();
            IReadOnlySet<int> Hide<TKey>(IReadOnlyList<IGrouping<TKey, Activity>> groups) => SmallGroups.Complement(
                groups.Select(g => (IReadOnlySet<Guid>)g.Select(a => a.ParticipantId).ToHashSet()).ToList(), learnersWithActivity,
                Enumerable.Range(0, groups.Count).Where(i => SmallGroups.IsSuppressed(groups[i].Select(a => a.ParticipantId).Distinct().Count())));

            var minutesOf = activity.GroupBy(a => a.ParticipantId).ToDictionary(g => g.Key, g => g.Sum(a => a.Minutes));
            var completedCourses = activity.Where(a => a.Completed).GroupBy(a => a.ParticipantId).ToDictionary(g => g.Key, g => g.Select(a => a.Course).Distinct().Count());
            var weekGroups = activity.GroupBy(a => WeekStart(a.Date)).OrderBy(g => g.Key).ToList();
            var hiddenWeeks = Hide(weekGroups);
            var weeks = weekGroups.Select((g, i) =>
                new WeekRow(g.Key, Head(g.Select(a => a.ParticipantId).Distinct().Count()), hiddenWeeks.Contains(i) ? null : g.Sum(a => a.Minutes))).ToList();
            var courseGroups = activity.GroupBy(a => a.Course, StringComparer.Ordinal).ToList();
            var hiddenCourses = Hide(courseGroups);
            var courses = courseGroups.Select((g, i) =>
            {
                var hide = hiddenCourses.Contains(i);
                var learners = g.Select(a => a.ParticipantId).Distinct().Count();
                return (Learners: learners, Row: new CourseRow(g.Key, g.Select(a => a.Category).FirstOrDefault(c => c is not null), Head(learners),
                    hide ? null : g.Where(a => a.Completed).Select(a => a.ParticipantId).Distinct().Count(), hide ? null : g.Sum(a => a.Minutes)));
            }).OrderByDescending(c => c.Learners).ThenByDescending(c => c.Row.Completions ?? 0).ThenBy(c => c.Row.Title, StringComparer.Ordinal).Select(c => c.Row).ToList();
            var totalMinutes = activity.Sum(a => a.Minutes);
            var deviceGroups = activity.GroupBy(a => a.Device).OrderBy(g => g.Key).ToList();
            var hiddenDevices = Hide(deviceGroups);
            var devices = deviceGroups.Select((g, i) =>
            {
                var learners = g.Select(a => a.ParticipantId).Distinct().Count();
                var minutes = g.Sum(a => a.Minutes);
                return hiddenDevices.Contains(i)
                    ? new DeviceRow(g.Key, Head(learners), null, null)
                    : new DeviceRow(g.Key, learners, minutes, totalMinutes == 0 ? 0 : (double)minutes / totalMinutes);
            }).ToList();

            var today = TeamHealth.Today(clock, program.TimeZone);
            var end = program.AllMilestones().Select(m => m.DueDate).DefaultIfEmpty(today).Max();
            var asOf = today < end ? today : end;
            var lastActive = activity.GroupBy(a => a.ParticipantId).ToDictionary(g => g.Key, g => g.Max(a => a.Date));
            var recent = activity.Where(a => a.Date > asOf.AddDays(-ActivitySummary.ActiveDays) && a.Date <= asOf).Select(a => a.ParticipantId).ToHashSet();
            var active = people.Count(p => recent.Contains(p.Id));
            var never = people.Count(p => !lastActive.ContainsKey(p.Id));
            var learnerMinutes = people.Where(p => minutesOf.ContainsKey(p.Id)).Select(p => (double)minutesOf[p.Id]).ToList();
            var summary = new ActivitySummary(asOf, active, people.Count - active - never, never,
                SmallGroups.IsSuppressed(learnerMinutes.Count) ? null : totalMinutes,
                SmallGroups.IsSuppressed(learnerMinutes.Count) ? null : Statistics.Median(learnerMinutes));

            var both = people.Where(p => answeredBoth.Contains(p.Id)).ToList();
            var correlation = SmallGroups.IsSuppressed(both.Count)
                ? (double?)null
                : Statistics.PearsonCorrelation(both.Select(p => ((double)minutesOf.GetValueOrDefault(p.Id), Overall(postOverall, p.Id)!.Value - Overall(preOverall, p.Id)!.Value)).ToList());
            string Band(Person p) => minutesOf.GetValueOrDefault(p.Id) switch
            {
                var m when m < MinuteBands[0] => "<300",
                var m when m < MinuteBands[1] => "300-899",
                _ => "900+",
            };
            string Outcome(Person p) => p.TeamId is { } t && accepted.Contains(t) ? "accepted" : "not accepted";
            List<GroupRow> Fixed(string[] labels, Func<Person, string> of) =>
                Partition(labels.Select(label => (IGrouping<string, Person>)new Members(label, both.Where(p => of(p) == label))));
            var effort = new EffortOutcome(both.Count, correlation is { } r && double.IsFinite(r) ? r : null,
                me.IsOrganizer ? Fixed(["<300", "300-899", "900+"], Band) : [], me.IsOrganizer ? Fixed(["accepted", "not accepted"], Outcome) : []);

            var individuals = me.IsOrganizer
                ? people.OrderBy(p => p.TeamName ?? "\uffff", StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).Select(p => new IndividualRow(
                    p.Id, p.Name, p.TeamName, p.Department, Overall(preOverall, p.Id), Overall(postOverall, p.Id), minutesOf.GetValueOrDefault(p.Id),
                    completedCourses.GetValueOrDefault(p.Id),
                    pre.TryGetValue(p.Id, out var a1) && a1.Late, post.TryGetValue(p.Id, out var a2) && a2.Late)).ToList()
                : [];

            return new Result(program.Id, program.Title, framework?.Title.For(culture), me.IsOrganizer, request.TeamId,
                me.IsOrganizer ? allTeams : allTeams.Where(t => me.MentoredTeams.Contains(t.Id)).ToList(),
                participation, skills, byTeam, byDepartment, weeks, courses, devices, summary, effort, individuals);
        }

        private static SkillRow Skill(string key, string label, IReadOnlyList<(double? Pre, double? Post)> pairs)
        {
            var change = Statistics.Paired(pairs);
            return new SkillRow(key, label, Head(change.N), SmallGroups.IsSuppressed(change.N) ? null : change);
        }

        /// <summary>A head count of 1 to 4 is itself small-group information: it is left out, like the figures.</summary>
        private static int? Head(int n) => n > 0 && SmallGroups.IsSuppressed(n) ? null : n;
    }

    /// <summary>Weeks start on Monday, as Japanese office calendars do.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private sealed record Person(Guid Id, string Name, string? Department, Guid? TeamId, string? TeamName);

    /// <summary>A group that is listed even when empty (the bands of effort, the prototype outcomes).</summary>
    private sealed class Members(string key, IEnumerable<Person> people) : IGrouping<string, Person>
    {
        private readonly List<Person> _people = people.ToList();

        public string Key { get; } = key;

        public IEnumerator<Person> GetEnumerator() => _people.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed record Activity(Guid ParticipantId, string Course, string? Category, int Minutes, DateOnly Date, bool Completed, LearningDevice Device);
}
