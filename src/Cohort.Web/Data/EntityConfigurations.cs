using Cohort.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cohort.Web.Data;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class TrainingProgramConfiguration : IEntityTypeConfiguration<TrainingProgram>
{
    public void Configure(EntityTypeBuilder<TrainingProgram> b)
    {
        b.ToTable("TrainingPrograms");
        b.Property(x => x.DisabledNudgeKinds).HasMaxLength(500);
        b.Property(x => x.CaseFollowUpDays).HasMaxLength(100).HasDefaultValue(CaseFacets.DefaultFollowUpDays);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.TemplateKey).HasMaxLength(100);
        b.Property(x => x.TimeZone).HasMaxLength(100);
        b.Property(x => x.AssessmentFrameworkKey).HasMaxLength(64);
        b.HasOne(x => x.Organization).WithMany(o => o.Programs).HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Stages).WithOne(s => s.Program).HasForeignKey(s => s.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Teams).WithOne(t => t.Program).HasForeignKey(t => t.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Participants).WithOne(p => p.Program).HasForeignKey(p => p.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StageConfiguration : IEntityTypeConfiguration<Stage>
{
    public void Configure(EntityTypeBuilder<Stage> b)
    {
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.HasIndex(x => new { x.ProgramId, x.Key }).IsUnique();
        b.HasMany(x => x.Milestones).WithOne(m => m.Stage).HasForeignKey(m => m.StageId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Rubric).WithOne().HasForeignKey(r => r.StageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MilestoneConfiguration : IEntityTypeConfiguration<Milestone>
{
    public void Configure(EntityTypeBuilder<Milestone> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.Property(x => x.Deliverable).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(x => new { x.StageId, x.DueDate });
    }
}

internal sealed class RubricCriterionConfiguration : IEntityTypeConfiguration<RubricCriterion>
{
    public void Configure(EntityTypeBuilder<RubricCriterion> b)
    {
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.NameEn).HasMaxLength(200);
        b.HasIndex(x => new { x.StageId, x.Key }).IsUnique();
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Department).HasMaxLength(100);
        b.Property(x => x.ProblemTheme).HasMaxLength(500);
        b.HasIndex(x => new { x.ProgramId, x.Name }).IsUnique();
        b.HasOne<CaseStudy>().WithMany().HasForeignKey(x => x.SourceCaseId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Members).WithOne(p => p.Team).HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Mentors).WithOne(a => a.Team).HasForeignKey(a => a.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Department).HasMaxLength(100);
        b.HasIndex(x => new { x.ProgramId, x.Email }).IsUnique();
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class MentorConfiguration : IEntityTypeConfiguration<Mentor>
{
    public void Configure(EntityTypeBuilder<Mentor> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Affiliation).HasMaxLength(200);
        b.HasIndex(x => x.Email).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasMany(x => x.Assignments).WithOne(a => a.Mentor).HasForeignKey(a => a.MentorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MentorAssignmentConfiguration : IEntityTypeConfiguration<MentorAssignment>
{
    public void Configure(EntityTypeBuilder<MentorAssignment> b) =>
        b.HasIndex(x => new { x.TeamId, x.MentorId }).IsUnique();
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.Prefix).HasMaxLength(20);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganizationMemberConfiguration : IEntityTypeConfiguration<OrganizationMember>
{
    public void Configure(EntityTypeBuilder<OrganizationMember> b)
    {
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(x => new { x.OrganizationId, x.UserId }).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgramMemberConfiguration : IEntityTypeConfiguration<ProgramMember>
{
    public void Configure(EntityTypeBuilder<ProgramMember> b)
    {
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(x => new { x.ProgramId, x.UserId }).IsUnique();
        b.HasIndex(x => x.UserId);
        b.HasOne(x => x.Program).WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(30);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => x.OrganizationId);
        b.HasIndex(x => x.ProgramId);
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TrainingProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.UserName).HasMaxLength(254);
        b.Property(x => x.Action).HasMaxLength(100);
        b.HasIndex(x => new { x.ProgramId, x.At });
        b.HasIndex(x => new { x.OrganizationId, x.At });
        b.HasIndex(x => x.At);
    }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> b)
    {
        b.Property(x => x.Format).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Health).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Attendees).HasMaxLength(1000);
        b.Property(x => x.HealthReason).HasMaxLength(1000);
        b.Property(x => x.Blockers).HasMaxLength(2000);
        b.HasIndex(x => new { x.TeamId, x.HeldOn });
        b.HasIndex(x => x.ProgramId);
        b.HasOne(x => x.Team).WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Mentor).WithMany().HasForeignKey(x => x.MentorId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Replies).WithOne().HasForeignKey(r => r.CheckInId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CheckInReplyConfiguration : IEntityTypeConfiguration<CheckInReply>
{
    public void Configure(EntityTypeBuilder<CheckInReply> b)
    {
        b.Property(x => x.AuthorName).HasMaxLength(254);
        b.Property(x => x.Text).HasMaxLength(2000);
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> b)
    {
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Resolution).HasMaxLength(1000);
        b.Property(x => x.CompletionComment).HasMaxLength(1000);
        b.Property(x => x.EvidenceUrl).HasMaxLength(1000);
        b.HasIndex(x => new { x.TeamId, x.Status });
        b.HasIndex(x => new { x.ProgramId, x.Status, x.DueDate });
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.OwnerParticipant).WithMany().HasForeignKey(x => x.OwnerParticipantId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<CheckIn>().WithMany().HasForeignKey(x => x.RaisedInCheckInId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NudgeConfiguration : IEntityTypeConfiguration<Nudge>
{
    public void Configure(EntityTypeBuilder<Nudge> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.DedupeKey).HasMaxLength(150);
        b.Property(x => x.CancelReason).HasMaxLength(200);
        b.HasIndex(x => x.DedupeKey).IsUnique();
        b.HasIndex(x => new { x.State, x.DueAt });
        b.HasIndex(x => new { x.ProgramId, x.State });
        b.HasOne<TrainingProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.RecipientUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.SubjectTitle).HasMaxLength(300);
        b.Property(x => x.Link).HasMaxLength(300);
        b.HasIndex(x => x.NudgeId).IsUnique();
        b.HasIndex(x => new { x.UserId, x.ReadAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MailDeliveryConfiguration : IEntityTypeConfiguration<MailDelivery>
{
    public void Configure(EntityTypeBuilder<MailDelivery> b)
    {
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ToAddress).HasMaxLength(254);
        b.Property(x => x.MessageId).HasMaxLength(200);
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.HasIndex(x => x.MessageId).IsUnique();
        b.HasIndex(x => new { x.State, x.NextAttemptAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> b)
    {
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.TeamId, x.MilestoneId }).IsUnique();
        b.HasIndex(x => x.ProgramId);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Milestone).WithMany().HasForeignKey(x => x.MilestoneId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Versions).WithOne().HasForeignKey(v => v.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.Latest);
    }
}

internal sealed class SubmissionVersionConfiguration : IEntityTypeConfiguration<SubmissionVersion>
{
    public void Configure(EntityTypeBuilder<SubmissionVersion> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Links).HasMaxLength(2000);
        b.Property(x => x.PrototypeWhat).HasMaxLength(2000);
        b.Property(x => x.UserTestNotes).HasMaxLength(4000);
        b.Property(x => x.Tool).HasMaxLength(100);
        b.Property(x => x.PersonalDataExplanation).HasMaxLength(1000);
        b.HasIndex(x => new { x.SubmissionId, x.Number }).IsUnique();
        b.Ignore(x => x.IsSubmitted);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> b)
    {
        b.Property(x => x.Decision).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ReviewerName).HasMaxLength(254);
        b.Property(x => x.TeamResponse).HasMaxLength(4000);
        b.HasIndex(x => x.SubmissionVersionId);
        b.HasOne<SubmissionVersion>().WithMany().HasForeignKey(x => x.SubmissionVersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Scores).WithOne().HasForeignKey(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReviewScoreConfiguration : IEntityTypeConfiguration<ReviewScore>
{
    public void Configure(EntityTypeBuilder<ReviewScore> b)
    {
        b.Property(x => x.Comment).HasMaxLength(1000);
        b.HasIndex(x => new { x.ReviewId, x.CriterionId }).IsUnique();
    }
}

internal sealed class StageGateConfiguration : IEntityTypeConfiguration<StageGate>
{
    public void Configure(EntityTypeBuilder<StageGate> b)
    {
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.HasIndex(x => new { x.TeamId, x.StageId }).IsUnique();
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Stage>().WithMany().HasForeignKey(x => x.StageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SubmissionFileConfiguration : IEntityTypeConfiguration<SubmissionFile>
{
    public void Configure(EntityTypeBuilder<SubmissionFile> b)
    {
        b.Property(x => x.StorageKey).HasMaxLength(100);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.HasIndex(x => x.SubmissionVersionId);
        b.HasOne<SubmissionVersion>().WithMany().HasForeignKey(x => x.SubmissionVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShowcaseConfiguration : IEntityTypeConfiguration<Showcase>
{
    public void Configure(EntityTypeBuilder<Showcase> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.Format).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Venues).HasMaxLength(1000);
        b.Property(x => x.GuestEmails).HasMaxLength(4000);
        b.Property(x => x.PublicKey).HasMaxLength(64);
        b.Property(x => x.MeetingJoinUrl).HasMaxLength(2000);
        b.Property(x => x.MeetingState).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.MeetingEventId).HasMaxLength(400);
        b.Property(x => x.MeetingTransactionId).HasMaxLength(100);
        b.Property(x => x.MeetingWebLink).HasMaxLength(2000);
        b.Property(x => x.MeetingError).HasMaxLength(1000);
        b.Property(x => x.CancelReason).HasMaxLength(1000);
        b.Property(x => x.ResultsSummary).HasMaxLength(8000);
        b.HasIndex(x => x.ProgramId);
        b.HasIndex(x => x.PublicKey).IsUnique();
        b.HasIndex(x => new { x.MeetingState, x.MeetingNextAttemptAt });
        b.HasOne<TrainingProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Slots).WithOne().HasForeignKey(s => s.ShowcaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Judges).WithOne().HasForeignKey(j => j.ShowcaseId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.IsCancelled);
        b.Ignore(x => x.UsesOnlineMeeting);
    }
}

internal sealed class ShowcaseSlotConfiguration : IEntityTypeConfiguration<ShowcaseSlot>
{
    public void Configure(EntityTypeBuilder<ShowcaseSlot> b)
    {
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.FeedbackKey).HasMaxLength(64);
        b.HasIndex(x => x.FeedbackKey).IsUnique();
        b.HasIndex(x => new { x.ShowcaseId, x.Order });
        b.HasOne(x => x.Team).WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.IsBreak);
        b.Ignore(x => x.TotalMinutes);
    }
}

internal sealed class ShowcaseJudgeConfiguration : IEntityTypeConfiguration<ShowcaseJudge>
{
    public void Configure(EntityTypeBuilder<ShowcaseJudge> b)
    {
        b.HasIndex(x => new { x.ShowcaseId, x.UserId }).IsUnique();
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AudienceFeedbackConfiguration : IEntityTypeConfiguration<AudienceFeedback>
{
    public void Configure(EntityTypeBuilder<AudienceFeedback> b)
    {
        b.Property(x => x.DeviceHash).HasMaxLength(64);
        b.Property(x => x.Comment).HasMaxLength(1000);
        b.HasIndex(x => new { x.SlotId, x.DeviceHash }).IsUnique();
        b.HasIndex(x => x.ShowcaseId);
        b.HasOne<ShowcaseSlot>().WithMany().HasForeignKey(x => x.SlotId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Scores).WithOne().HasForeignKey(s => s.AudienceFeedbackId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JudgeScoreCardConfiguration : IEntityTypeConfiguration<JudgeScoreCard>
{
    public void Configure(EntityTypeBuilder<JudgeScoreCard> b)
    {
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.HasIndex(x => new { x.SlotId, x.JudgeUserId }).IsUnique();
        b.HasIndex(x => x.ShowcaseId);
        b.HasOne<ShowcaseSlot>().WithMany().HasForeignKey(x => x.SlotId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.JudgeUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Scores).WithOne().HasForeignKey(s => s.JudgeScoreCardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FeedbackScoreConfiguration : IEntityTypeConfiguration<FeedbackScore>
{
    public void Configure(EntityTypeBuilder<FeedbackScore> b)
    {
        b.HasIndex(x => x.AudienceFeedbackId);
        b.HasIndex(x => x.JudgeScoreCardId);
        b.HasOne<RubricCriterion>().WithMany().HasForeignKey(x => x.CriterionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SelfAssessmentConfiguration : IEntityTypeConfiguration<Domain.Assessments.SelfAssessment>
{
    public void Configure(EntityTypeBuilder<Domain.Assessments.SelfAssessment> b)
    {
        b.Property(x => x.FrameworkKey).HasMaxLength(64);
        b.Property(x => x.Goals).HasMaxLength(2000);
        b.Property(x => x.Phase).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(x => new { x.ParticipantId, x.Phase }).IsUnique();
        b.HasIndex(x => new { x.ProgramId, x.Phase });
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TrainingProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Answers).WithOne().HasForeignKey(a => a.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SelfAssessmentAnswerConfiguration : IEntityTypeConfiguration<Domain.Assessments.SelfAssessmentAnswer>
{
    public void Configure(EntityTypeBuilder<Domain.Assessments.SelfAssessmentAnswer> b)
    {
        b.Property(x => x.AreaKey).HasMaxLength(64);
        b.Property(x => x.ItemKey).HasMaxLength(64);
        b.HasIndex(x => new { x.AssessmentId, x.ItemKey }).IsUnique();
    }
}

internal sealed class LearningActivityConfiguration : IEntityTypeConfiguration<LearningActivity>
{
    public void Configure(EntityTypeBuilder<LearningActivity> b)
    {
        b.Property(x => x.CourseTitle).HasMaxLength(200);
        b.Property(x => x.Category).HasMaxLength(100);
        b.Property(x => x.RowHash).HasMaxLength(64);
        b.Property(x => x.Device).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(x => new { x.ProgramId, x.RowHash }).IsUnique();
        b.HasIndex(x => new { x.ProgramId, x.Date });
        b.HasIndex(x => x.ParticipantId);
        b.HasOne(x => x.Participant).WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TrainingProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<LearningActivityImport>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LearningActivityImportConfiguration : IEntityTypeConfiguration<LearningActivityImport>
{
    public void Configure(EntityTypeBuilder<LearningActivityImport> b)
    {
        b.Property(x => x.FileName).HasMaxLength(255);
        b.HasIndex(x => x.ProgramId);
        b.HasOne<TrainingProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActivityColumnMappingConfiguration : IEntityTypeConfiguration<ActivityColumnMapping>
{
    public void Configure(EntityTypeBuilder<ActivityColumnMapping> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        foreach (var column in new[] { nameof(ActivityColumnMapping.EmailColumn), nameof(ActivityColumnMapping.CourseColumn), nameof(ActivityColumnMapping.CategoryColumn), nameof(ActivityColumnMapping.MinutesColumn), nameof(ActivityColumnMapping.DateColumn), nameof(ActivityColumnMapping.CompletionColumn), nameof(ActivityColumnMapping.DeviceColumn) })
        {
            b.Property(column).HasMaxLength(200);
        }

        b.HasIndex(x => new { x.OrganizationId, x.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> b)
    {
        b.Property(x => x.FriendlyName).HasMaxLength(200);
        // A key's XML is about 1 KB, but its length is the library's business: no limit.
        b.Property(x => x.Xml).Metadata.SetMaxLength(null);
    }
}

internal sealed class CaseStudyConfiguration : IEntityTypeConfiguration<CaseStudy>
{
    public void Configure(EntityTypeBuilder<CaseStudy> b)
    {
        b.ToTable("Cases");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Department).HasMaxLength(200);
        b.Property(x => x.DepartmentArea).HasMaxLength(40);
        b.Property(x => x.ProblemType).HasMaxLength(40);
        b.Property(x => x.Tool).HasMaxLength(100);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.RequestedLevel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.SearchText).HasMaxLength(40000);
        b.Property(x => x.OriginDeployment).HasMaxLength(100);
        b.Property(x => x.OriginOrganization).HasMaxLength(200);
        b.HasIndex(x => new { x.OrganizationId, x.Level });
        b.HasIndex(x => x.Level);
        b.HasIndex(x => x.TeamId);
        b.HasIndex(x => x.ProgramId);
        b.HasIndex(x => new { x.OrganizationId, x.OriginDeployment, x.OriginCaseId }).IsUnique();
        b.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<TrainingProgram>().WithMany().HasForeignKey(x => x.ProgramId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Contributors).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.FollowUps).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.History).WithOne().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseContributorConfiguration : IEntityTypeConfiguration<CaseContributor>
{
    public void Configure(EntityTypeBuilder<CaseContributor> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Role).HasMaxLength(20);
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.UserId);
    }
}

internal sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> b)
    {
        b.Property(x => x.StorageKey).HasMaxLength(100);
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.HasIndex(x => x.CaseId);
    }
}

internal sealed class CaseFollowUpConfiguration : IEntityTypeConfiguration<CaseFollowUp>
{
    public void Configure(EntityTypeBuilder<CaseFollowUp> b)
    {
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Effect).HasMaxLength(2000);
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.RecordedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.CaseId, x.RecordedAt });
    }
}

internal sealed class CasePublicationStepConfiguration : IEntityTypeConfiguration<CasePublicationStep>
{
    public void Configure(EntityTypeBuilder<CasePublicationStep> b)
    {
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.UserName).HasMaxLength(200);
        b.HasIndex(x => new { x.CaseId, x.At });
    }
}

internal sealed class CaseReuseConfiguration : IEntityTypeConfiguration<CaseReuse>
{
    public void Configure(EntityTypeBuilder<CaseReuse> b)
    {
        b.HasIndex(x => x.CaseId);
        b.HasIndex(x => x.TeamId).IsUnique();
        b.HasOne<CaseStudy>().WithMany(c => c.Reuses).HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeploymentIdentityConfiguration : IEntityTypeConfiguration<DeploymentIdentity>
{
    public void Configure(EntityTypeBuilder<DeploymentIdentity> b)
    {
        b.ToTable("Deployment");
        b.Property(x => x.Id).ValueGeneratedNever();
    }
}
