using Cohort.Web.Domain.Assessments;
using Cohort.Web.Features.Assessments;
using Cohort.Web.Features.Learning;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Files;
using Cohort.Web.Infrastructure.Localization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Cohort.Web.Features.Analytics;

/// <summary>Self-assessments, learning activity imports and learning analytics over /api/v1.</summary>
public static class AnalyticsApi
{
    public sealed record FrameworkChoice(string? FrameworkKey);

    public sealed record AssessmentAnswer(IReadOnlyDictionary<string, int>? Ratings, string? Goals, Guid? Version);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/assessment-frameworks", (IMediator m, CancellationToken ct) => m.Send(new SkillFrameworkList.Query(), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ListAssessmentFrameworks").WithTags("Learning");

        var program = api.MapGroup("/programs/{programId:guid}").WithTags("Learning");
        program.MapPut("/assessment-framework", async (Guid programId, FrameworkChoice body, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new SetAssessmentFramework.Command(programId, body.FrameworkKey), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("SetAssessmentFramework");
        program.MapGet("/self-assessment", (Guid programId, IMediator m, CancellationToken ct) => m.Send(new MySelfAssessment.Query(programId), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("GetMySelfAssessment");
        program.MapPut("/self-assessment/{phase}", async (Guid programId, AssessmentPhase phase, AssessmentAnswer body, IMediator m, CancellationToken ct) =>
            {
                var id = await m.Send(new SubmitSelfAssessment.Command(programId, phase, body.Ratings, body.Goals, body.Version), ct);
                return Results.Ok(new { id });
            })
            .RequireAuthorization(Policies.SignedIn).WithName("SubmitSelfAssessment");

        program.MapGet("/learning-activity", (Guid programId, IMediator m, CancellationToken ct) => m.Send(new LearningActivityImports.Query(programId), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("ListLearningActivityImports");
        program.MapPost("/learning-activity/preview", async (Guid programId, HttpRequest request, IMediator m, AccessService access, CancellationToken ct) =>
            {
                // Who may upload is settled before the body is read: nobody else gets a server to buffer megabytes.
                await access.RequireProgramAsync(programId, ProgramPermission.Manage, ct: ct);
                var upload = await CsvUpload.ReadAsync(request, ct, "activity.csv");
                return Results.Ok(await m.Send(new PreviewLearningActivity.Query(programId, upload.Content), ct));
            })
            .RequireAuthorization(Policies.SignedIn).WithName("PreviewLearningActivity")
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        program.MapPost("/learning-activity", async (Guid programId, HttpRequest request, IMediator m, AccessService access, CancellationToken ct) =>
            {
                await access.RequireProgramAsync(programId, ProgramPermission.Manage, ct: ct);
                var upload = await CsvUpload.ReadAsync(request, ct, "activity.csv");
                var columns = new ColumnMap(upload.Field("email") ?? "", upload.Field("course") ?? "", upload.Field("category"), upload.Field("minutes") ?? "",
                    upload.Field("date") ?? "", upload.Field("completion"), upload.Field("device"));
                return Results.Ok(await m.Send(new ImportLearningActivity.Command(programId, upload.FileName, upload.Content, columns, upload.Field("saveMappingAs")), ct));
            })
            .RequireAuthorization(Policies.SignedIn).WithName("ImportLearningActivity")
            .Accepts<IFormFile>("multipart/form-data").DisableAntiforgery();
        program.MapDelete("/learning-activity/imports/{importId:guid}", async (Guid programId, Guid importId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveLearningActivityImport.Command(programId, importId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("RemoveLearningActivityImport");
        program.MapDelete("/activity-mappings/{mappingId:guid}", async (Guid programId, Guid mappingId, IMediator m, CancellationToken ct) =>
            {
                await m.Send(new RemoveActivityMapping.Command(programId, mappingId), ct);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.SignedIn).WithName("RemoveActivityMapping");

        program.MapGet("/analytics", (Guid programId, Guid? teamId, IMediator m, CancellationToken ct) => m.Send(new LearningAnalytics.Query(programId, teamId), ct))
            .RequireAuthorization(Policies.SignedIn).WithName("GetLearningAnalytics");
        program.MapGet("/analytics/export", async (Guid programId, Guid? teamId, string? table, string? format, IMediator m, IStringLocalizer<SharedResource> l,
                AuditTrail audit, CurrentUser user, CancellationToken ct) =>
            {
                var data = await m.Send(new LearningAnalytics.Query(programId, teamId), ct);
                var tables = AnalyticsTables.Build(data, l);
                if (string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase))
                {
                    await audit.RecordForProgramAsync(programId, "ExportAnalytics", user.Name, user.Id, "{\"Table\":\"xlsx\"}", ct);
                    return Results.File(AnalyticsTables.ToXlsx(tables, l), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "cohort-analytics.xlsx");
                }

                var chosen = tables.FirstOrDefault(t => t.Key == (table ?? "skills"));
                if (chosen is null)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["table"] = [l["Choose one of: {0}.", string.Join(", ", tables.Select(t => t.Key))]] });
                }

                await audit.RecordForProgramAsync(programId, "ExportAnalytics", user.Name, user.Id, $"{{\"Table\":\"{chosen.Key}\"}}", ct);
                return Results.File(AnalyticsTables.ToCsv(chosen, l), "text/csv; charset=utf-8", $"cohort-{chosen.Key}.csv");
            })
            .RequireAuthorization(Policies.SignedIn).WithName("ExportLearningAnalytics");
    }
}
