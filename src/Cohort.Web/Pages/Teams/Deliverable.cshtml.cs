using Cohort.Web.Data;
using Cohort.Web.Domain;
using Cohort.Web.Domain.Templates;
using Cohort.Web.Features.Submissions;
using Cohort.Web.Infrastructure.Auth;
using Cohort.Web.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Cohort.Web.Pages.Teams;

/// <summary>One deliverable of a team: the draft form, files, submitting, every version with its reviews, and the review form for mentors.</summary>
[Authorize(Policy = Policies.SignedIn)]
[ProgramPage(ProgramPermission.TeamWork)]
public sealed class DeliverableModel(IMediator mediator, CohortDbContext db, AccessService access) : PageModel, IReloadOnError
{
    public sealed class DraftInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Links { get; set; }
        public string? PrototypeWhat { get; set; }
        public string? UserTestNotes { get; set; }
        public string? Tool { get; set; }
        public bool? ContainsPersonalData { get; set; }
        public string? PersonalDataExplanation { get; set; }
    }

    public sealed class ReviewInput
    {
        public ReviewDecision Decision { get; set; } = ReviewDecision.Return;
        public string? Comment { get; set; }
        public List<ScoreInput> Scores { get; set; } = [];
    }

    public sealed class ScoreInput
    {
        public Guid CriterionId { get; set; }
        public int Value { get; set; }
        public string? Comment { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Guid ProgramId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid TeamId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid MilestoneId { get; set; }

    [BindProperty]
    public DraftInput Input { get; set; } = new();

    [BindProperty]
    public ReviewInput Review { get; set; } = new();

    public Milestone Milestone { get; private set; } = null!;

    public List<RubricCriterion> Rubric { get; private set; } = [];

    public TeamPortfolio.Deliverable? State { get; private set; }

    public bool StageOpen { get; private set; }

    public SubmissionDetail.Result? Detail { get; private set; }

    public bool CanReview { get; private set; }

    /// <summary>Members write, submit and answer for their team (organisers may help); a mentor reviews instead.</summary>
    public bool ActsForTeam { get; private set; }

    public bool HasDraft => Detail is { Versions.Count: > 0 } d && d.Versions[0].SubmittedAt is null;

    public async Task OnGetAsync()
    {
        await ReloadAsync(HttpContext.RequestAborted);
        if (Detail is { Versions.Count: > 0 })
        {
            var latest = Detail.Versions[0];
            Input = new DraftInput
            {
                Title = latest.Title, Description = latest.Description, Links = latest.Links, PrototypeWhat = latest.PrototypeWhat,
                UserTestNotes = latest.UserTestNotes, Tool = latest.Tool, ContainsPersonalData = latest.ContainsPersonalData, PersonalDataExplanation = latest.PersonalDataExplanation,
            };
        }
    }

    public async Task<IActionResult> OnGetFileAsync(Guid fileId)
    {
        var file = await mediator.Send(new SubmissionFileContent.Query(ProgramId, TeamId, await SubmissionIdAsync(), fileId), HttpContext.RequestAborted);
        return new Infrastructure.Files.SafeDownloadActionResult(Infrastructure.Files.SafeDownload.Result(file.Content, file.ContentType, file.FileName));
    }

    public async Task<IActionResult> OnGetThumbnailAsync(Guid fileId)
    {
        var preview = await mediator.Send(new SubmissionFileThumbnail.Query(ProgramId, TeamId, await SubmissionIdAsync(), fileId), HttpContext.RequestAborted);
        return new Infrastructure.Files.SafeDownloadActionResult(Infrastructure.Files.SafeDownload.Result(new MemoryStream(preview), Infrastructure.Files.Thumbnails.ContentType, "thumbnail.webp"));
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        await mediator.Send(new SaveSubmissionDraft.Command(ProgramId, TeamId, MilestoneId, Input.Title ?? "", Input.Description, Input.Links,
            Input.PrototypeWhat, Input.UserTestNotes, Input.Tool, Input.ContainsPersonalData, Input.PersonalDataExplanation));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file)
    {
        var id = await SubmissionIdAsync();
        using var copy = new MemoryStream();
        if (file is not null)
        {
            await file.CopyToAsync(copy, HttpContext.RequestAborted);
        }

        await mediator.Send(new AttachFile.Command(ProgramId, TeamId, id, file?.FileName ?? "", copy.ToArray()));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSubmitAsync()
    {
        await mediator.Send(new SubmitDeliverable.Command(ProgramId, TeamId, await SubmissionIdAsync()));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReviewAsync(int versionNumber)
    {
        await mediator.Send(new ReviewSubmission.Command(ProgramId, TeamId, await SubmissionIdAsync(), versionNumber, Review.Decision, Review.Comment,
            Review.Scores.Select(s => new ReviewSubmission.Score(s.CriterionId, s.Value, s.Comment)).ToList()));
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRespondAsync(Guid reviewId, string response)
    {
        await mediator.Send(new RespondToReview.Command(ProgramId, TeamId, reviewId, response ?? ""));
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        Milestone = await db.Milestones.AsNoTracking().Include(m => m.Stage).ThenInclude(s => s!.Rubric)
            .SingleOrDefaultAsync(m => m.Id == MilestoneId && m.Stage!.ProgramId == ProgramId, cancellationToken) ?? throw new NotFoundException("Milestone");
        Rubric = [.. Milestone.Stage!.Rubric.OrderBy(r => r.Order)];
        var portfolio = await mediator.Send(new TeamPortfolio.Query(ProgramId, TeamId), cancellationToken);
        var stage = portfolio.Stages.Single(s => s.StageId == Milestone.StageId);
        StageOpen = stage.Open;
        State = stage.Deliverables.SingleOrDefault(d => d.MilestoneId == MilestoneId);
        Detail = State?.SubmissionId is { } id ? await mediator.Send(new SubmissionDetail.Query(ProgramId, TeamId, id), cancellationToken) : null;
        var me = await access.ForProgramAsync(ProgramId, cancellationToken);
        CanReview = me?.Allows(ProgramPermission.MentorTeam, TeamId) == true;
        ActsForTeam = me?.ActsForTeam(TeamId) == true;
        if (Review.Scores.Count == 0)
        {
            Review.Scores = Rubric.Select(r => new ScoreInput { CriterionId = r.Id, Value = r.MaxScore }).ToList();
        }
    }

    public bool IsPrototype => Milestone.Deliverable == DeliverableType.Prototype;

    public string ComparePage => $"/Programs/{ProgramId}/Teams/{TeamId}/Deliverables/{MilestoneId}/Compare";

    private async Task<Guid> SubmissionIdAsync() =>
        await db.Submissions.Where(s => s.TeamId == TeamId && s.MilestoneId == MilestoneId && s.ProgramId == ProgramId).Select(s => (Guid?)s.Id).SingleOrDefaultAsync()
        ?? throw new ConflictException("There is no draft to submit.");
}
