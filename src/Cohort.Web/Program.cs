using Cohort.Web.Data;
using Cohort.Web.Infrastructure.Hosting;
using Cohort.Web.Infrastructure.Files;
using Cohort.Web.Infrastructure.Mail;

var builder = WebApplication.CreateBuilder(args);
var database = DatabaseSettings.From(builder.Configuration, builder.Environment.ContentRootPath);

builder.Services.AddCohortDatabase(database);
builder.Services.AddCohortApplication(builder.Configuration, builder.Environment);
builder.Services.AddCohortWeb(database);
builder.Services.AddCohortRateLimits(builder.Configuration);
builder.Services.AddCohortJobs(builder.Configuration, database);
builder.Services.AddCohortMail(builder.Configuration, database.DataDir);
builder.Services.AddCohortFiles(builder.Configuration, database.DataDir);
builder.Services.AddCohortTelemetry(builder.Configuration);

var app = builder.Build();

if (await CommandLine.TryRunAsync(app, args))
{
    return;
}

await Startup.PrepareDatabaseAsync(app);
app.UseCohortPipeline();
app.MapCohortEndpoints();
await app.RunAsync();

public partial class Program;
