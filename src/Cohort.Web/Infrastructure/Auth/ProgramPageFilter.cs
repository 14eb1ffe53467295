using Cohort.Web.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Cohort.Web.Infrastructure.Auth;

/// <summary>Pages marked <see cref="ProgramPageAttribute"/> check the caller's role in the route's programme (and team) before any handler runs.</summary>
public sealed class ProgramPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance.GetType().GetCustomAttributes(typeof(ProgramPageAttribute), true).FirstOrDefault() is ProgramPageAttribute pageRule
            && Guid.TryParse(context.RouteData.Values["programId"]?.ToString(), out var programId))
        {
            var access = context.HttpContext.RequestServices.GetRequiredService<AccessService>();
            try
            {
                Guid? teamId = Guid.TryParse(context.RouteData.Values["teamId"]?.ToString(), out var t) ? t : null;
                await access.RequireProgramAsync(programId, pageRule.Permission, teamId, context.HttpContext.RequestAborted);
            }
            catch (NotFoundException)
            {
                context.Result = new NotFoundResult();
                return;
            }
            catch (ForbiddenException)
            {
                context.Result = new ForbidResult();
                return;
            }
        }

        await next();
    }
}
