using Cohort.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cohort.Web.Data;

/// <summary>
/// The one model. Each provider has a derived context that owns its migrations
/// (<see cref="SqliteCohortDbContext"/>, <see cref="PostgresCohortDbContext"/>).
/// </summary>
public abstract class CohortDbContext(DbContextOptions options, TimeProvider clock)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
{
    /// <summary>The keys that protect cookies and tokens, shared by every instance that uses this database.</summary>
    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<TrainingProgram> Programs => Set<TrainingProgram>();

    public DbSet<Stage> Stages => Set<Stage>();

    public DbSet<Milestone> Milestones => Set<Milestone>();

    public DbSet<RubricCriterion> RubricCriteria => Set<RubricCriterion>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<Participant> Participants => Set<Participant>();

    public DbSet<Mentor> Mentors => Set<Mentor>();

    public DbSet<MentorAssignment> MentorAssignments => Set<MentorAssignment>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<OrganizationMember> OrganizationMembers => Set<OrganizationMember>();

    public DbSet<ProgramMember> ProgramMembers => Set<ProgramMember>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<CheckIn> CheckIns => Set<CheckIn>();

    public DbSet<CheckInReply> CheckInReplies => Set<CheckInReply>();

    public DbSet<ActionItem> ActionItems => Set<ActionItem>();

    public DbSet<Nudge> Nudges => Set<Nudge>();

    public DbSet<Submission> Submissions => Set<Submission>();

    public DbSet<SubmissionVersion> SubmissionVersions => Set<SubmissionVersion>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<SubmissionFile> SubmissionFiles => Set<SubmissionFile>();

    public DbSet<StageGate> StageGates => Set<StageGate>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<MailDelivery> MailDeliveries => Set<MailDelivery>();

    public DbSet<Showcase> Showcases => Set<Showcase>();

    public DbSet<ShowcaseSlot> ShowcaseSlots => Set<ShowcaseSlot>();

    public DbSet<ShowcaseJudge> ShowcaseJudges => Set<ShowcaseJudge>();

    public DbSet<AudienceFeedback> AudienceFeedback => Set<AudienceFeedback>();

    public DbSet<JudgeScoreCard> JudgeScoreCards => Set<JudgeScoreCard>();

    public DbSet<FeedbackScore> FeedbackScores => Set<FeedbackScore>();

    public DbSet<Domain.Assessments.SelfAssessment> SelfAssessments => Set<Domain.Assessments.SelfAssessment>();

    public DbSet<Domain.Assessments.SelfAssessmentAnswer> SelfAssessmentAnswers => Set<Domain.Assessments.SelfAssessmentAnswer>();

    public DbSet<LearningActivity> LearningActivities => Set<LearningActivity>();

    public DbSet<LearningActivityImport> LearningActivityImports => Set<LearningActivityImport>();

    public DbSet<ActivityColumnMapping> ActivityColumnMappings => Set<ActivityColumnMapping>();

    public DbSet<CaseStudy> Cases => Set<CaseStudy>();

    public DbSet<CaseContributor> CaseContributors => Set<CaseContributor>();

    public DbSet<CaseAttachment> CaseAttachments => Set<CaseAttachment>();

    public DbSet<CaseFollowUp> CaseFollowUps => Set<CaseFollowUp>();

    public DbSet<CasePublicationStep> CasePublicationSteps => Set<CasePublicationStep>();

    public DbSet<CaseReuse> CaseReuses => Set<CaseReuse>();

    public DbSet<DeploymentIdentity> Deployment => Set<DeploymentIdentity>();

    public TimeProvider Clock => clock;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Stored as UTC everywhere; SQLite hands back Unspecified, so say what it is.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<string>().HaveMaxLength(4000);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CohortDbContext).Assembly);

        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(Entity.Version)).IsConcurrencyToken();
        }
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// Makes an update conditional on the version the client last saw: a stale version makes
    /// SaveChanges throw DbUpdateConcurrencyException (mapped to 409).
    /// </summary>
    public void ExpectVersion(Entity entity, Guid version) =>
        Entry(entity).Property(e => e.Version).OriginalValue = version;

    private void StampChanges()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.CreatedAt = now;
                    entry.Entity.UpdatedAt = now;
                    break;
                case EntityState.Modified:
                    entry.Entity.UpdatedAt = now;
                    entry.Entity.Version = Guid.NewGuid();
                    break;
            }
        }
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteCohortDbContext(DbContextOptions<SqliteCohortDbContext> options, TimeProvider clock)
    : CohortDbContext(options, clock);

public sealed class PostgresCohortDbContext(DbContextOptions<PostgresCohortDbContext> options, TimeProvider clock)
    : CohortDbContext(options, clock);
