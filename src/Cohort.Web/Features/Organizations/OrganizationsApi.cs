using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.Web.Features.Organizations;

public static class OrganizationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations").WithTags("Organizations");
        group.MapGet("/", (IMediator m, CancellationToken ct) => m.Send(new OrganizationList.Query(), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ListOrganizations");
        group.MapPost("/", async (CreateOrganization.Command command, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(command, ct);
                return Results.Created($"/api/v1/organizations/{id}", new { id });
            })
            .RequireAuthorization(Policies.Admin).WithName("CreateOrganization");
    }
}
