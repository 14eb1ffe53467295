using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Cohort.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LearningAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AssessmentFrameworkKey",
                table: "TrainingPrograms",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ActivityColumnMappings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EmailColumn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CourseColumn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CategoryColumn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MinutesColumn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DateColumn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CompletionColumn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DeviceColumn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityColumnMappings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivityColumnMappings_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LearningActivityImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ImportedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    AlreadyImported = table.Column<int>(type: "integer", nullable: false),
                    NotInProgram = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningActivityImports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LearningActivityImports_TrainingPrograms_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "TrainingPrograms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SelfAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Phase = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    FrameworkKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Goals = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfAssessments_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SelfAssessments_TrainingPrograms_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "TrainingPrograms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LearningActivities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProgramId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParticipantId = table.Column<Guid>(type: "uuid", nullable: false),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    CourseTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Completed = table.Column<bool>(type: "boolean", nullable: false),
                    Device = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RowHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LearningActivities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LearningActivities_LearningActivityImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "LearningActivityImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LearningActivities_Participants_ParticipantId",
                        column: x => x.ParticipantId,
                        principalTable: "Participants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LearningActivities_TrainingPrograms_ProgramId",
                        column: x => x.ProgramId,
                        principalTable: "TrainingPrograms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SelfAssessmentAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AssessmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    AreaKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelfAssessmentAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelfAssessmentAnswers_SelfAssessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "SelfAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityColumnMappings_OrganizationId_Name",
                table: "ActivityColumnMappings",
                columns: new[] { "OrganizationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LearningActivities_ImportId",
                table: "LearningActivities",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_LearningActivities_ParticipantId",
                table: "LearningActivities",
                column: "ParticipantId");

            migrationBuilder.CreateIndex(
                name: "IX_LearningActivities_ProgramId_Date",
                table: "LearningActivities",
                columns: new[] { "ProgramId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_LearningActivities_ProgramId_RowHash",
                table: "LearningActivities",
                columns: new[] { "ProgramId", "RowHash" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LearningActivityImports_ProgramId",
                table: "LearningActivityImports",
                column: "ProgramId");

            migrationBuilder.CreateIndex(
                name: "IX_SelfAssessmentAnswers_AssessmentId_ItemKey",
                table: "SelfAssessmentAnswers",
                columns: new[] { "AssessmentId", "ItemKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelfAssessments_ParticipantId_Phase",
                table: "SelfAssessments",
                columns: new[] { "ParticipantId", "Phase" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelfAssessments_ProgramId_Phase",
                table: "SelfAssessments",
                columns: new[] { "ProgramId", "Phase" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityColumnMappings");

            migrationBuilder.DropTable(
                name: "LearningActivities");

            migrationBuilder.DropTable(
                name: "SelfAssessmentAnswers");

            migrationBuilder.DropTable(
                name: "LearningActivityImports");

            migrationBuilder.DropTable(
                name: "SelfAssessments");

            migrationBuilder.DropColumn(
                name: "AssessmentFrameworkKey",
                table: "TrainingPrograms");
        }
    }
}
