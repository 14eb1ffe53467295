using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Cohort.Web.Infrastructure.Hosting;

/// <summary>Declares the personal-access-token Bearer scheme so API clients and the reference page know how to call.</summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Cohort API";
        document.Info.Description = "Programmes, stages, milestones, teams, participants and mentors. Authenticate with a personal access token: `Authorization: Bearer cohort_pat_…` (create one on your profile page).";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Personal access token",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] }];
        return Task.CompletedTask;
    }
}
