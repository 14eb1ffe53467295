using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Infrastructure;
using Cohort.Web.Infrastructure.Errors;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Programs;

public static class AddMilestone
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid StageId, string Name, string? NameEn, string? Description, DateOnly DueDate, DeliverableType Deliverable) : IRequest<Guid>, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.NameEn).MaximumLength(200);
            RuleFor(c => c.Description).MaximumLength(4000);
            RuleFor(c => c.DueDate).NotEmpty().InclusiveBetween(Dates.First, Dates.Last);
            RuleFor(c => c.Deliverable).IsInEnum();
        }
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.GetProgramWithScheduleAsync(request.ProgramId, cancellationToken);
            var stage = program.Stages.SingleOrDefault(s => s.Id == request.StageId) ?? throw new NotFoundException(nameof(Stage));
            var milestone = new Milestone
            {
                StageId = stage.Id,
                Name = request.Name.Trim(),
                NameEn = TextInput.OrNull(request.NameEn),
                Description = TextInput.OrNull(request.Description),
                DueDate = request.DueDate,
                Deliverable = request.Deliverable,
            };
            // Added explicitly: a new entity with its Id already set would otherwise be taken for an existing row.
            db.Milestones.Add(milestone);
            stage.Milestones.Add(milestone);
            stage.CoverMilestones();
            await db.SaveChangesAsync(cancellationToken);
            return milestone.Id;
        }
    }
}

/// <summary>Renames, re-dates or moves a milestone to another stage of the same programme.</summary>
public static class UpdateMilestone
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid MilestoneId, Guid StageId, string Name, string? NameEn, string? Description, DateOnly DueDate, DeliverableType Deliverable, Guid Version) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.NameEn).MaximumLength(200);
            RuleFor(c => c.Description).MaximumLength(4000);
            RuleFor(c => c.DueDate).NotEmpty().InclusiveBetween(Dates.First, Dates.Last);
            RuleFor(c => c.Deliverable).IsInEnum();
            RuleFor(c => c.Version).NotEmpty();
        }
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.GetProgramWithScheduleAsync(request.ProgramId, cancellationToken);
            var milestone = program.AllMilestones().SingleOrDefault(m => m.Id == request.MilestoneId) ?? throw new NotFoundException(nameof(Milestone));
            var target = program.Stages.SingleOrDefault(s => s.Id == request.StageId) ?? throw new NotFoundException(nameof(Stage));
            db.ExpectVersion(milestone, request.Version);
            milestone.Name = request.Name.Trim();
            milestone.NameEn = TextInput.OrNull(request.NameEn);
            milestone.Description = TextInput.OrNull(request.Description);
            milestone.DueDate = request.DueDate;
            milestone.Deliverable = request.Deliverable;
            if (milestone.StageId != target.Id)
            {
                milestone.Stage!.Milestones.Remove(milestone);
                milestone.StageId = target.Id;
                target.Milestones.Add(milestone);
            }

            target.CoverMilestones();
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

public static class DeleteMilestone
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid MilestoneId) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.MilestoneId).NotEmpty();
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var milestone = await db.Milestones.Where(m => m.Stage!.ProgramId == request.ProgramId).GetAsync(request.MilestoneId, cancellationToken);
            db.Milestones.Remove(milestone);
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}

/// <summary>Shifts a milestone and everything due from it on by a number of working days.</summary>
public static class ShiftSchedule
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(Guid ProgramId, Guid FromMilestoneId, int WorkingDays, Guid Version) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.WorkingDays).NotEqual(0).InclusiveBetween(-250, 250);
            RuleFor(c => c.Version).NotEmpty();
        }
    }

    public sealed class Handler(CohortDbContext db, IStringLocalizer<SharedResource> l) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.GetProgramWithScheduleAsync(request.ProgramId, cancellationToken);
            var from = program.AllMilestones().SingleOrDefault(m => m.Id == request.FromMilestoneId) ?? throw new NotFoundException(nameof(Milestone));
            db.ExpectVersion(from, request.Version);
            try
            {
                program.ShiftFrom(from, request.WorkingDays);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new Infrastructure.Mediation.RequestValidationException(typeof(Command),
                    [new FluentValidation.Results.ValidationFailure(nameof(Command.WorkingDays), l["The schedule would move outside the years the calendar covers."])]);
            }

            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
