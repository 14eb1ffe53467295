using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cohort.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Showcases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Showcases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgramId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Venues = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    InviteParticipants = table.Column<bool>(type: "INTEGER", nullable: false),
                    InviteMentors = table.Column<bool>(type: "INTEGER", nullable: false),
                    InviteOrganizers = table.Column<bool>(type: "INTEGER", nullable: false),
                    GuestEmails = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MeetingJoinUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MeetingState = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MeetingEventId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    MeetingTransactionId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MeetingWebLink = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MeetingError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MeetingAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingNextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MeetingRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingSyncedRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ResultsSummary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    ResultsPublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Showcases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Showcases_TrainingPrograms_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "TrainingPrograms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShowcaseJudges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShowcaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShowcaseJudges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShowcaseJudges_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ShowcaseJudges_Showcases_ShowcaseId",
                        column: x => x.ShowcaseId,
                        principalTable: "Showcases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShowcaseSlots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShowcaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    QaMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    FeedbackKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShowcaseSlots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShowcaseSlots_Showcases_ShowcaseId",
                        column: x => x.ShowcaseId,
                        principalTable: "Showcases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ShowcaseSlots_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AudienceFeedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShowcaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SlotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeviceHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Hidden = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AudienceFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AudienceFeedback_ShowcaseSlots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "ShowcaseSlots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JudgeScoreCards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ShowcaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SlotId = table.Column<Guid>(type: "TEXT", nullable: false),
                    JudgeUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JudgeScoreCards", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JudgeScoreCards_AspNetUsers_JudgeUserId",
                        column: x => x.JudgeUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_JudgeScoreCards_ShowcaseSlots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "ShowcaseSlots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AudienceFeedbackId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JudgeScoreCardId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CriterionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackScores_AudienceFeedback_AudienceFeedbackId",
                        column: x => x.AudienceFeedbackId,
                        principalTable: "AudienceFeedback",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FeedbackScores_JudgeScoreCards_JudgeScoreCardId",
                        column: x => x.JudgeScoreCardId,
                        principalTable: "JudgeScoreCards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FeedbackScores_RubricCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "RubricCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AudienceFeedback_ShowcaseId",
                table: "AudienceFeedback",
                column: "ShowcaseId");

            migrationBuilder.CreateIndex(
                name: "IX_AudienceFeedback_SlotId_DeviceHash",
                table: "AudienceFeedback",
                columns: new[] { "SlotId", "DeviceHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackScores_AudienceFeedbackId",
                table: "FeedbackScores",
                column: "AudienceFeedbackId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackScores_CriterionId",
                table: "FeedbackScores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackScores_JudgeScoreCardId",
                table: "FeedbackScores",
                column: "JudgeScoreCardId");

            migrationBuilder.CreateIndex(
                name: "IX_JudgeScoreCards_JudgeUserId",
                table: "JudgeScoreCards",
                column: "JudgeUserId");

            migrationBuilder.CreateIndex(
                name: "IX_JudgeScoreCards_ShowcaseId",
                table: "JudgeScoreCards",
                column: "ShowcaseId");

            migrationBuilder.CreateIndex(
                name: "IX_JudgeScoreCards_SlotId_JudgeUserId",
                table: "JudgeScoreCards",
                columns: new[] { "SlotId", "JudgeUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShowcaseJudges_ShowcaseId_UserId",
                table: "ShowcaseJudges",
                columns: new[] { "ShowcaseId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShowcaseJudges_UserId",
                table: "ShowcaseJudges",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Showcases_MeetingState_MeetingNextAttemptAt",
                table: "Showcases",
                columns: new[] { "MeetingState", "MeetingNextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Showcases_ProgramId",
                table: "Showcases",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_Showcases_PublicKey",
                table: "Showcases",
                column: "PublicKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShowcaseSlots_FeedbackKey",
                table: "ShowcaseSlots",
                column: "FeedbackKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ShowcaseSlots_ShowcaseId_Order",
                table: "ShowcaseSlots",
                columns: new[] { "ShowcaseId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_ShowcaseSlots_TeamId",
                table: "ShowcaseSlots",
                column: "TeamId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedbackScores");

            migrationBuilder.DropTable(
                name: "ShowcaseJudges");

            migrationBuilder.DropTable(
                name: "AudienceFeedback");

            migrationBuilder.DropTable(
                name: "JudgeScoreCards");

            migrationBuilder.DropTable(
                name: "ShowcaseSlots");

            migrationBuilder.DropTable(
                name: "Showcases");
        }
    }
}
