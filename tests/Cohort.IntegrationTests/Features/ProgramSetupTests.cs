using Cohort.IntegrationTests.Infrastructure;
using Cohort.Web.Domain.Calendar;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.Programs;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cohort.IntegrationTests.Features;

public abstract class ProgramSetupTests<TApp>(TApp app) : DatabaseTests<TApp>(app)
    where TApp : CohortApp
{
    [SkippableFact]
    public async Task Creating_from_the_template_schedules_stages_and_milestones_on_working_days()
    {
        // 2027-04-29 is Showa Day (Thursday): the programme starts on Friday 30 April, just before Golden Week.
        var program = await Seed.ProgramAsync(App, new DateOnly(2027, 4, 29));

        Assert.Equal(new DateOnly(2027, 4, 30), program.StartDate);
        Assert.Equal(2, program.Stages.Count);
        var (stage1, stage2) = (program.Stages[0], program.Stages[1]);
        Assert.Equal("ステージ1：課題整理・解決策立案", stage1.Name);
        Assert.Equal(1, stage1.Order);
        Assert.Equal(2, stage2.Order);
        Assert.Equal(program.StartDate, stage1.StartDate);

        // Offset 4 working days from 30 April skips 1–5 May (weekend and three holidays): 6, 7, 10, 11 May.
        var preAssessment = stage1.Milestones[0];
        Assert.Equal(new DateOnly(2027, 5, 11), preAssessment.DueDate);
        Assert.Equal(DeliverableType.Assessment, preAssessment.Deliverable);

        var calendar = WorkingDayCalendar.JapanWithYearEndClosure;
        Assert.Equal(calendar.AddWorkingDays(stage1.EndDate, 1), stage2.StartDate);
        Assert.Equal(39, calendar.WorkingDaysBetween(stage1.StartDate, stage1.EndDate));
        Assert.All(program.Stages.SelectMany(s => s.Milestones), m => Assert.True(calendar.IsWorkingDay(m.DueDate), $"{m.Name} is due on a closed day {m.DueDate}"));
        Assert.All(program.Stages, s => Assert.NotEmpty(s.Rubric));
        Assert.Contains(stage2.Milestones, m => m.Deliverable == DeliverableType.Presentation);
    }

    [SkippableFact]
    public async Task Invalid_programme_is_refused_with_field_errors_and_nothing_is_written()
    {
        var organizationId = await Seed.OrganizationAsync(App);
        var before = await App.QueryDbAsync(db => db.Programs.CountAsync());

        var error = await Assert.ThrowsAsync<Cohort.Web.Infrastructure.Mediation.RequestValidationException>(() =>
            App.SendAsync(new CreateProgramFromTemplate.Command(organizationId, "no-such-template", "", default)));

        var fields = error.Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Superset(new HashSet<string> { "TemplateKey", "Title", "StartDate" }, fields);
        Assert.Equal(before, await App.QueryDbAsync(db => db.Programs.CountAsync()));
    }

    [SkippableFact]
    public async Task Organiser_can_rename_and_add_stages_and_milestones()
    {
        var program = await Seed.ProgramAsync(App);
        var stage1 = program.Stages[0];

        await App.SendAsync(new UpdateStage.Command(program.Id, stage1.Id, "課題整理", "Problem analysis", null, stage1.StartDate, stage1.EndDate, stage1.Version));
        var milestoneId = await App.SendAsync(new AddMilestone.Command(program.Id, stage1.Id, "中間報告", "Interim report", null, stage1.EndDate.AddDays(10), DeliverableType.Document));
        var stageId = await App.SendAsync(new AddStage.Command(program.Id, "ステージ3：横展開", "Stage 3: Roll-out", null, new DateOnly(2028, 1, 10), new DateOnly(2028, 3, 31)));
        await App.SendAsync(new MoveStage.Command(program.Id, stageId, -1));

        var after = await App.SendAsync(new ProgramOverview.Query(program.Id));
        var renamed = after.Stages.Single(s => s.Id == stage1.Id);
        Assert.Equal("課題整理", renamed.Name);
        Assert.Equal("Problem analysis", renamed.NameEn);
        // A milestone added after the stage's end stretches the stage to cover it.
        Assert.Equal(stage1.EndDate.AddDays(10), renamed.EndDate);
        Assert.Contains(renamed.Milestones, m => m.Id == milestoneId);
        Assert.Equal([stage1.Id, stageId, program.Stages[1].Id], after.Stages.Select(s => s.Id).ToArray());
    }

    [SkippableFact]
    public async Task A_stage_cannot_be_shortened_so_that_a_milestone_falls_outside()
    {
        var program = await Seed.ProgramAsync(App);
        var stage1 = program.Stages[0];

        var error = await Assert.ThrowsAnyAsync<ValidationException>(() =>
            App.SendAsync(new UpdateStage.Command(program.Id, stage1.Id, stage1.Name, stage1.NameEn, null, stage1.StartDate, stage1.StartDate.AddDays(3), stage1.Version)));

        Assert.Contains(error.Errors, e => e.PropertyName == "EndDate");
        var unchanged = await App.SendAsync(new ProgramOverview.Query(program.Id));
        Assert.Equal(stage1.EndDate, unchanged.Stages[0].EndDate);
    }

    [SkippableFact]
    public async Task Shifting_from_a_milestone_moves_it_and_everything_later_by_working_days()
    {
        var program = await Seed.ProgramAsync(App);
        var milestones = program.Stages.SelectMany(s => s.Milestones).OrderBy(m => m.DueDate).ToList();
        var pivot = milestones[3];
        var calendar = WorkingDayCalendar.JapanWithYearEndClosure;

        await App.SendAsync(new ShiftSchedule.Command(program.Id, pivot.Id, 5, pivot.Version));

        var after = (await App.SendAsync(new ProgramOverview.Query(program.Id))).Stages.SelectMany(s => s.Milestones).ToDictionary(m => m.Id);
        foreach (var m in milestones)
        {
            var expected = m.DueDate >= pivot.DueDate ? calendar.AddWorkingDays(m.DueDate, 5) : m.DueDate;
            Assert.Equal(expected, after[m.Id].DueDate);
        }

        Assert.All(after.Values, m => Assert.True(calendar.IsWorkingDay(m.DueDate)));
    }

    [SkippableFact]
    public async Task Two_organisers_editing_the_same_milestone_the_second_gets_a_conflict()
    {
        var program = await Seed.ProgramAsync(App);
        var milestone = program.Stages[0].Milestones[1];

        // Both loaded the same version; the first save wins.
        await App.SendAsync(new UpdateMilestone.Command(program.Id, milestone.Id, milestone.StageId, "最初の編集", null, null, milestone.DueDate, milestone.Deliverable, milestone.Version));
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() =>
            App.SendAsync(new UpdateMilestone.Command(program.Id, milestone.Id, milestone.StageId, "二番目の編集", null, null, milestone.DueDate.AddDays(1), milestone.Deliverable, milestone.Version)));

        var stored = (await App.SendAsync(new ProgramOverview.Query(program.Id))).Stages[0].Milestones.Single(m => m.Id == milestone.Id);
        Assert.Equal("最初の編集", stored.Name);
        Assert.Equal(milestone.DueDate, stored.DueDate);
    }
}

public sealed class ProgramSetupTests_Sqlite(SqliteApp app) : ProgramSetupTests<SqliteApp>(app);

public sealed class ProgramSetupTests_Postgres(PostgresApp app) : ProgramSetupTests<PostgresApp>(app);
