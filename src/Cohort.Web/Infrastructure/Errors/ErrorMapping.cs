using Cohort.Web.Infrastructure.Localization;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Infrastructure.Errors;

/// <summary>What an exception means to a user: one place decides, for API and pages alike.</summary>
public static class ErrorMeaning
{
    public static bool IsConflict(Exception exception) => exception switch
    {
        ConflictException or DbUpdateConcurrencyException => true,
        DbUpdateException { InnerException: Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } } => true,
        DbUpdateException { InnerException: Npgsql.PostgresException { SqlState: "23505" or "23503" } } => true,
        _ => false,
    };

    /// <summary>
    /// The database could not be reached, or is shutting down or restarting: a passing failure worth a retry, not a bug.
    /// The provider says so (DbException.IsTransient), whether the exception is its own or wrapped by EF Core.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    public static string ConflictMessage(Exception exception, IStringLocalizer localizer) => exception switch
    {
        ConflictException c => localizer[c.Message],
        DbUpdateConcurrencyException => localizer["Someone else changed this in the meantime. Reload to see their change, then make yours again."],
        _ => localizer["This clashes with data that already exists (for example a duplicate name)."],
    };

    public static Dictionary<string, string[]> ToDictionary(ValidationException exception, bool camelCase) =>
        exception.Errors
            .GroupBy(e => camelCase ? CamelCase(e.PropertyName) : e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    private static string CamelCase(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

/// <summary>Maps exceptions on API routes to ProblemDetails (400 validation, 404, 409).</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, IStringLocalizer<SharedResource> localizer) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        ProblemDetails? problem = exception switch
        {
            ValidationException v => new HttpValidationProblemDetails(ErrorMeaning.ToDictionary(v, camelCase: true))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = localizer["The request has errors. Nothing was saved."],
            },
            NotFoundException => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = localizer["Not found."] },
            ForbiddenException f => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = localizer[f.Message] },
            BadHttpRequestException b => new ProblemDetails { Status = b.StatusCode, Title = localizer["The request could not be read."], Detail = b.Message },
            _ when ErrorMeaning.IsConflict(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = ErrorMeaning.ConflictMessage(exception, localizer),
            },
            // Not 500: the request was fine and the same request may succeed in a moment (a database restart or failover).
            _ when ErrorMeaning.IsDatabaseUnavailable(exception) => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = localizer["The service is briefly unavailable. Try again in a moment."],
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}

/// <summary>
/// Turns the same exceptions into form errors on Razor pages: field errors go under the name of the bound
/// property that carries the failed command (<c>Input</c> by default); conflicts go to the summary.
/// </summary>
public sealed class PageExceptionFilter(IStringLocalizer<SharedResource> localizer) : IAsyncPageFilter
{
    public const string InputPrefix = "Input";

    /// <summary>The bound property that carries the failed command, so errors land on the right form of a page with several.</summary>
    private static string PrefixFor(object handler, Type? requestType)
    {
        var match = requestType is null ? null : handler.GetType().GetProperties()
            .FirstOrDefault(p => p.PropertyType == requestType && p.IsDefined(typeof(BindPropertyAttribute), inherit: true));
        return match?.Name ?? InputPrefix;
    }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // Values that could not even be bound (a malformed date) are reported before any command runs.
        if (!context.ModelState.IsValid && !HttpMethods.IsGet(context.HttpContext.Request.Method) && context.HandlerInstance is PageModel invalidPage)
        {
            if (invalidPage is IReloadOnError reloadFirst)
            {
                await reloadFirst.ReloadAsync(context.HttpContext.RequestAborted);
            }

            context.Result = invalidPage.Page();
            return;
        }

        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled)
        {
            return;
        }

        var exception = executed.Exception;
        var modelState = executed.ModelState;
        if (exception is ValidationException validation)
        {
            var prefix = PrefixFor(executed.HandlerInstance, (validation as Mediation.RequestValidationException)?.RequestType);
            foreach (var error in validation.Errors)
            {
                var key = string.IsNullOrEmpty(error.PropertyName) ? string.Empty : $"{prefix}.{error.PropertyName}";
                modelState.AddModelError(key, error.ErrorMessage);
            }
        }
        else if (ErrorMeaning.IsConflict(exception))
        {
            modelState.AddModelError(string.Empty, ErrorMeaning.ConflictMessage(exception, localizer));
        }
        else if (exception is NotFoundException)
        {
            executed.Result = new NotFoundResult();
            executed.ExceptionHandled = true;
            return;
        }
        else if (exception is ForbiddenException)
        {
            executed.Result = new ForbidResult();
            executed.ExceptionHandled = true;
            return;
        }
        else
        {
            return;
        }

        if (executed.HandlerInstance is PageModel page)
        {
            // Re-render the same page with what the user typed; let the page reload its lookups.
            if (page is IReloadOnError reload)
            {
                await reload.ReloadAsync(executed.HttpContext.RequestAborted);
            }

            executed.Result = page.Page();
            executed.ExceptionHandled = true;
        }
    }
}

/// <summary>A page that needs its lists (teams, templates...) filled again before a failed post is re-shown.</summary>
public interface IReloadOnError
{
    Task ReloadAsync(CancellationToken cancellationToken);
}
