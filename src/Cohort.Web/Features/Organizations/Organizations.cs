using AutoMapper;
using AutoMapper.QueryableExtensions;
using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Infrastructure.Localization;
using Cohort.Web.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Organizations;

public static class CreateOrganization
{
    [AdminOnly]
    public sealed record Command(string Name, string? NameEn) : IRequest<Guid>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.NameEn).MaximumLength(200);
        }
    }

    public sealed class Handler(CohortDbContext db) : IRequestHandler<Command, Guid>
    {
        public async Task<Guid> Handle(Command request, CancellationToken cancellationToken)
        {
            var name = request.Name.Trim();
            if (await db.Organizations.AnyAsync(o => o.Name == name, cancellationToken))
            {
                throw new Infrastructure.Errors.ConflictException("An organisation with this name already exists.");
            }

            var organization = new Organization { Name = name, NameEn = Infrastructure.TextInput.OrNull(request.NameEn) };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync(cancellationToken);
            return organization.Id;
        }
    }
}

public static class OrganizationList
{
    [SignedIn]
    public sealed record Query : IRequest<IReadOnlyList<Item>>;

    public sealed record Item(Guid Id, string Name, string? NameEn, int ProgramCount)
    {
        /// <summary>The caller administers this organisation (filled after projection).</summary>
        public bool CanManage { get; init; }
    }

    public sealed class Profile : AutoMapper.Profile
    {
        public Profile() => CreateProjection<Organization, Item>()
            .ForCtorParam(nameof(Item.ProgramCount), o => o.MapFrom(s => s.Programs.Count))
            .ForMember(d => d.CanManage, o => o.Ignore());
    }

    public sealed class Handler(AccessService access, CurrentUser user, CohortDbContext db, AutoMapper.IConfigurationProvider mapping) : IRequestHandler<Query, IReadOnlyList<Item>>
    {
        public async Task<IReadOnlyList<Item>> Handle(Query request, CancellationToken cancellationToken)
        {
            var items = await access.VisibleOrganizations().OrderBy(o => o.Name).ProjectTo<Item>(mapping).ToListAsync(cancellationToken);
            var userId = user.Id ?? Guid.Empty;
            var managed = user.IsAdmin
                ? items.Select(i => i.Id).ToHashSet()
                : (await db.OrganizationMembers.Where(m => m.UserId == userId && m.Role == OrganizationRole.Admin).Select(m => m.OrganizationId).ToListAsync(cancellationToken)).ToHashSet();
            return items.Select(i => i with { CanManage = managed.Contains(i.Id) }).ToList();
        }
    }
}
