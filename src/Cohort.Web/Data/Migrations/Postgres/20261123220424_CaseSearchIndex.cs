using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cohort.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Nothing to do on PostgreSQL, where AddCaseLibrary makes the foreign key and the search index in one transaction:
    /// SQLite needs them in migrations of their own (see the SQLite CaseSearchIndex), and both providers keep the same list.
    /// </summary>
    public partial class CaseSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
