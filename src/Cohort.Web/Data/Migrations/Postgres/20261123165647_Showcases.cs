using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cohort.Web.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    StartTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    EndTime = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    Format = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Venues = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    InviteParticipants = table.Column<bool>(type: "boolean", nullable: false),
                    InviteMentors = table.Column<bool>(type: "boolean", nullable: false),
                    InviteOrganizers = table.Column<bool>(type: "boolean", nullable: false),
                    GuestEmails = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PublicKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MeetingJoinUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MeetingState = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MeetingEventId = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    MeetingTransactionId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    MeetingWebLink = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MeetingError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MeetingAttempts = table.Column<int>(type: "integer", nullable: false),
                    MeetingNextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MeetingRevision = table.Column<int>(type: "integer", nullable: false),
                    MeetingSyncedRevision = table.Column<int>(type: "integer", nullable: false),
                    MeetingClaimedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ResultsSummary = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ResultsPublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShowcaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShowcaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    QaMinutes = table.Column<int>(type: "integer", nullable: false),
                    FeedbackKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShowcaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SlotId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeviceHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Hidden = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ShowcaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SlotId = table.Column<Guid>(type: "uuid", nullable: false),
                    JudgeUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AudienceFeedbackId = table.Column<Guid>(type: "uuid", nullable: true),
                    JudgeScoreCardId = table.Column<Guid>(type: "uuid", nullable: true),
                    CriterionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false)
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
