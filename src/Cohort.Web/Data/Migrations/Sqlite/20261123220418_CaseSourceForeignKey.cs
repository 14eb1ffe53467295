using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cohort.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// A team's source case as a foreign key. SQLite cannot add one to a table, so EF rebuilds "Teams" between
    /// <c>PRAGMA foreign_keys</c> statements that run outside any transaction; alone in its migration, the rebuild and the
    /// history row commit together, so an interrupted start leaves it either applied or not (never half-applied).
    /// </summary>
    public partial class CaseSourceForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_Teams_Cases_SourceCaseId",
                table: "Teams",
                column: "SourceCaseId",
                principalTable: "Cases",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Teams_Cases_SourceCaseId",
                table: "Teams");
        }
    }
}
