using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Localization;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Nudges;

/// <summary>A programme's reminder timing, working hours and the kinds it does not send.</summary>
public static class SetNudgePolicy
{
    [ProgramAccess(ProgramPermission.Manage)]
    public sealed record Command(
        Guid ProgramId,
        int MilestoneReminderWorkingDays,
        int ActionItemReminderWorkingDays,
        int CheckInGraceWorkingDays,
        int ReviewWaitingWorkingDays,
        int WorkdayStartHour,
        int WorkdayEndHour,
        IReadOnlyList<NudgeKind>? DisabledKinds) : IRequest, IProgramRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.MilestoneReminderWorkingDays).InclusiveBetween(0, 20);
            RuleFor(c => c.ActionItemReminderWorkingDays).InclusiveBetween(0, 20);
            RuleFor(c => c.CheckInGraceWorkingDays).InclusiveBetween(0, 20);
            RuleFor(c => c.ReviewWaitingWorkingDays).InclusiveBetween(1, 30);
            RuleFor(c => c.WorkdayStartHour).InclusiveBetween(0, 23);
            RuleFor(c => c.WorkdayEndHour).InclusiveBetween(1, 24)
                .GreaterThan(c => c.WorkdayStartHour).WithMessage(l["Working hours must end after they start."]);
            RuleForEach(c => c.DisabledKinds).IsInEnum();
        }
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, MediatR.Unit>
    {
        public async Task<MediatR.Unit> Handle(Command request, CancellationToken cancellationToken)
        {
            var program = await db.Programs.GetAsync(request.ProgramId, cancellationToken);
            program.MilestoneReminderWorkingDays = request.MilestoneReminderWorkingDays;
            program.ActionItemReminderWorkingDays = request.ActionItemReminderWorkingDays;
            program.CheckInGraceWorkingDays = request.CheckInGraceWorkingDays;
            program.ReviewWaitingWorkingDays = request.ReviewWaitingWorkingDays;
            program.WorkdayStartHour = request.WorkdayStartHour;
            program.WorkdayEndHour = request.WorkdayEndHour;
            program.DisabledNudgeKinds = string.Join(',', (request.DisabledKinds ?? []).Distinct().Order());
            // Pending nudges follow at the next dispatch: the planner cancels what no longer fits and adds the rest.
            await db.SaveChangesAsync(cancellationToken);
            return MediatR.Unit.Value;
        }
    }
}
