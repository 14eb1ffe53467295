using System.Reflection;
using Cohort.Web.Infrastructure.Auth;
using MediatR;

namespace Cohort.UnitTests.Conventions;

public sealed class AccessConventionsTests
{
    private static readonly Type[] Requests = typeof(AccessService).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsInterface: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>)))
        .ToArray();

    [Fact]
    public void Every_request_declares_exactly_one_access_rule()
    {
        Assert.NotEmpty(Requests);
        var offenders = Requests.Where(t => t.GetCustomAttributes<AccessAttribute>().Count() != 1).Select(t => t.FullName).ToList();

        Assert.True(offenders.Count == 0, "Requests without exactly one access attribute: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Scoped_rules_can_find_their_scope()
    {
        var offenders = Requests.Where(t =>
                (t.GetCustomAttribute<ProgramAccessAttribute>() is not null && !typeof(IProgramRequest).IsAssignableFrom(t))
                || (t.GetCustomAttribute<ProgramAccessAttribute>()?.Permission is ProgramPermission.MentorTeam or ProgramPermission.TeamWork && !typeof(ITeamRequest).IsAssignableFrom(t))
                || (t.GetCustomAttribute<OrganizationAccessAttribute>() is not null && !typeof(IOrganizationRequest).IsAssignableFrom(t))
                || (t.GetCustomAttribute<CaseAccessAttribute>() is not null && !typeof(ICaseRequest).IsAssignableFrom(t)))
            .Select(t => t.FullName).ToList();

        Assert.True(offenders.Count == 0, "Programme/organisation rules on requests that do not carry the id: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Pages_inside_a_programme_check_the_role_there()
    {
        var pages = typeof(AccessService).Assembly.GetTypes()
            .Where(t => (t.Namespace == "Cohort.Web.Pages.Programs" || t.Namespace == "Cohort.Web.Pages.Teams") && t.IsSubclassOf(typeof(Microsoft.AspNetCore.Mvc.RazorPages.PageModel)) && t.Name != "CreateModel")
            .ToList();

        Assert.NotEmpty(pages);
        var offenders = pages.Where(t => t.GetCustomAttribute<ProgramPageAttribute>() is null).Select(t => t.Name).ToList();
        Assert.True(offenders.Count == 0, "Programme pages without [ProgramPage]: " + string.Join(", ", offenders));
    }
}
