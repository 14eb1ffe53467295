using System.Text;
using System.Text.Json;
using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Assessments;
using Cohort.Web.Features.Assessments;
using Cohort.Web.Features.Learning;
using Cohort.Web.Features.People;
using Cohort.Web.Features.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Cohort.IntegrationTests.Features;

/// <summary>
/// A person's self-assessment and learning records are theirs: they are in "my data", their goals in their own
/// words never reach the audit log, and erasing the participant removes those words while the ratings stay anonymous.
/// </summary>
public abstract class PersonalDataLearningTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    private const string Goals = "窓口の申請を半分オンラインにしたい（個人的な目標）";

    [SkippableFact]
    public async Task My_data_holds_my_answers_and_learning_and_erasure_removes_my_own_words()
    {
        App.Clock.SetUtcNow(new DateTimeOffset(2027, 4, 5, 12, 0, 0, TimeSpan.FromHours(9)));
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 1));
        var team = await App.SendAsync(new CreateTeam.Command(program.Id, "個人データチーム", null, null));
        var member = await Seed.JoinAsync(App, program.Id, InvitedRole.TeamMember, team, "記録 花子");
        var framework = App.Services.GetRequiredService<SkillFrameworkCatalog>().Get(SkillFrameworkCatalog.DefaultKey);
        await App.SendAsAsync(member, new SubmitSelfAssessment.Command(program.Id, AssessmentPhase.Pre, framework.Items.ToDictionary(i => i.Key, _ => 3), Goals));
        var csv = Encoding.UTF8.GetBytes($"email,course,minutes,date\n{member},DX基礎講座,45,2027-04-02\n");
        await App.SendAsync(new ImportLearningActivity.Command(program.Id, "export.csv", csv, new ColumnMap("email", "course", null, "minutes", "date", null, null)));

        var mine = JsonSerializer.Serialize(await App.SendAsAsync(member, new MyData.Query()));
        using (var json = JsonDocument.Parse(mine))
        {
            var answered = json.RootElement.GetProperty("SelfAssessments").EnumerateArray().Single();
            Assert.Equal(Goals, answered.GetProperty("Goals").GetString());
            Assert.Equal(framework.Items.Count(), answered.GetProperty("Answers").GetArrayLength());
            Assert.Equal(45, json.RootElement.GetProperty("LearningActivity").EnumerateArray().Single().GetProperty("Minutes").GetInt32());
        }

        Assert.False(await App.QueryDbAsync(db => db.AuditEntries.AnyAsync(a => a.Details != null && a.Details.Contains(Goals))));
        Assert.True(await App.QueryDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SubmitSelfAssessment" && a.ProgramId == program.Id)));

        var participantId = await App.QueryDbAsync(db => db.Participants.Where(p => p.ProgramId == program.Id && p.Email == member).Select(p => p.Id).SingleAsync());
        await App.SendAsync(new AnonymiseParticipant.Command(program.Id, participantId));
        var kept = await App.QueryDbAsync(db => db.SelfAssessments.Include(a => a.Answers).SingleAsync(a => a.ParticipantId == participantId));
        Assert.Null(kept.Goals);
        Assert.All(kept.Answers, a => Assert.Equal(3, a.Rating));
    }
}

public sealed class PersonalDataLearningTests_Sqlite(SqliteApp app) : PersonalDataLearningTests<SqliteApp>(app);

public sealed class PersonalDataLearningTests_Postgres(PostgresApp app) : PersonalDataLearningTests<PostgresApp>(app);
