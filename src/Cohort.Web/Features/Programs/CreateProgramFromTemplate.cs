using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Programs;

/// <summary>Creates a programme with its stages, milestones and rubrics from a YAML template.</summary>
public static class CreateProgramFromTemplate
{
    [OrganizationAccess(OrganizationPermission.Manage)]
    public sealed record Command(Guid OrganizationId, string TemplateKey, string Title, DateOnly StartDate) : IRequest<Guid>, IOrganizationRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TemplateCatalog templates, CohortDbContext db, IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.OrganizationId).NotEmpty()
                .MustAsync((id, ct) => db.Organizations.AnyAsync(o => o.Id == id, ct))
                .WithMessage(l["Choose an existing organisation."]);
            RuleFor(c => c.TemplateKey).NotEmpty()
                .Must(key => templates.List().Any(t => t.Key == key))
                .WithMessage(l["Choose one of the available templates."]);
            RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
            // The schedule must end before the calendar does (a year is plenty for any template).
            RuleFor(c => c.StartDate).NotEmpty()
                .InclusiveBetween(Dates.First, Dates.Last.AddYears(-1));
        }
    }

    public sealed class Handler(CohortDbContext db, TemplateCatalog templates, Domain.Assessments.SkillFrameworkCatalog frameworks) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            // Get throws TemplateLoadException for a broken template before anything is added.
            var template = templates.Get(request.TemplateKey);
            var program = Build(template, request.OrganizationId, request.Title.Trim(), request.StartDate);
            // A template with self-assessment milestones starts with the default framework; the organiser may change it.
            if (template.Stages.Any(s => s.Milestones.Any(m => m.Deliverable == DeliverableType.Assessment))
                && frameworks.TryGet(Domain.Assessments.SkillFrameworkCatalog.DefaultKey, out _))
            {
                program.AssessmentFrameworkKey = Domain.Assessments.SkillFrameworkCatalog.DefaultKey;
            }

            db.Programs.Add(program);
            await db.SaveChangesAsync(cancellationToken);
            return program.Id;
        }
    }

    public static TrainingProgram Build(ProgramTemplate template, Guid organizationId, string title, DateOnly startDate)
    {
        var program = new TrainingProgram
        {
            OrganizationId = organizationId,
            Title = title,
            Description = template.Description.Ja,
            TemplateKey = template.Key,
            TimeZone = template.TimeZone,
            CheckInCadenceWorkingDays = template.CheckInCadenceWorkingDays,
            MilestoneReminderWorkingDays = template.Nudges.MilestoneReminderWorkingDays,
            ActionItemReminderWorkingDays = template.Nudges.ActionItemReminderWorkingDays,
            CheckInGraceWorkingDays = template.Nudges.CheckInGraceWorkingDays,
            ReviewWaitingWorkingDays = template.Nudges.ReviewWaitingWorkingDays,
            WorkdayStartHour = template.Nudges.WorkdayStartHour,
            WorkdayEndHour = template.Nudges.WorkdayEndHour,
            DisabledNudgeKinds = string.Join(',', template.Nudges.Disabled.Distinct().Order()),
        };
        var calendar = program.Calendar();
        program.StartDate = calendar.NextWorkingDayOnOrAfter(startDate);

        var stageStart = program.StartDate;
        var order = 1;
        foreach (var stageTemplate in template.Stages)
        {
            var stage = new Stage
            {
                Key = stageTemplate.Key,
                Order = order++,
                Name = stageTemplate.Name.Ja,
                NameEn = stageTemplate.Name.En,
                Description = stageTemplate.Description.Ja,
                StartDate = stageStart,
                EndDate = calendar.AddWorkingDays(stageStart, stageTemplate.DurationWorkingDays - 1),
            };
            foreach (var m in stageTemplate.Milestones)
            {
                stage.Milestones.Add(new Milestone
                {
                    Name = m.Name.Ja,
                    NameEn = m.Name.En,
                    Description = m.Description.Ja,
                    DueDate = calendar.AddWorkingDays(stageStart, m.OffsetWorkingDays),
                    Deliverable = m.Deliverable,
                });
            }

            var criterionOrder = 1;
            foreach (var c in stageTemplate.Rubric)
            {
                stage.Rubric.Add(new RubricCriterion
                {
                    Key = c.Key,
                    Order = criterionOrder++,
                    Name = c.Name.Ja,
                    NameEn = c.Name.En,
                    Description = c.Description.Ja,
                    MaxScore = c.MaxScore,
                    Weight = c.Weight,
                });
            }

            program.Stages.Add(stage);
            stageStart = calendar.AddWorkingDays(stage.EndDate, 1);
        }

        return program;
    }
}
