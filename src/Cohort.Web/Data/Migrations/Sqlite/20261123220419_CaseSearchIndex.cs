using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Cohort.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Full-text search over cases: an FTS5 table with the trigram tokenizer (finds 申請 inside オンライン申請書). Its rowids
    /// come from "CaseSearchRows" (an INTEGER PRIMARY KEY, which VACUUM never renumbers), one per case; triggers keep both
    /// in step with "Cases"."SearchText". A later migration that rebuilds "Cases" must recreate the triggers.
    /// Every statement is idempotent and cases not yet indexed are indexed, so the migration also completes a database on
    /// which an earlier form of AddCaseLibrary created the search table.
    /// </summary>
    public partial class CaseSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE TABLE IF NOT EXISTS "CaseSearchRows" ("RowId" INTEGER PRIMARY KEY AUTOINCREMENT, "CaseId" TEXT NOT NULL UNIQUE);""");
            migrationBuilder.Sql("""CREATE VIRTUAL TABLE IF NOT EXISTS "CaseSearch" USING fts5("SearchText", tokenize = 'trigram');""");
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS "Cases_search_insert" AFTER INSERT ON "Cases" BEGIN
                    INSERT INTO "CaseSearchRows" ("CaseId") VALUES (new."Id");
                    INSERT INTO "CaseSearch" (rowid, "SearchText") VALUES ((SELECT "RowId" FROM "CaseSearchRows" WHERE "CaseId" = new."Id"), new."SearchText");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS "Cases_search_update" AFTER UPDATE OF "SearchText" ON "Cases" BEGIN
                    UPDATE "CaseSearch" SET "SearchText" = new."SearchText" WHERE rowid = (SELECT "RowId" FROM "CaseSearchRows" WHERE "CaseId" = new."Id");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER IF NOT EXISTS "Cases_search_delete" AFTER DELETE ON "Cases" BEGIN
                    DELETE FROM "CaseSearch" WHERE rowid = (SELECT "RowId" FROM "CaseSearchRows" WHERE "CaseId" = old."Id");
                    DELETE FROM "CaseSearchRows" WHERE "CaseId" = old."Id";
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CaseSearchRows" ("CaseId") SELECT c."Id" FROM "Cases" c
                WHERE NOT EXISTS (SELECT 1 FROM "CaseSearchRows" r WHERE r."CaseId" = c."Id");
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CaseSearch" (rowid, "SearchText") SELECT r."RowId", c."SearchText" FROM "Cases" c JOIN "CaseSearchRows" r ON r."CaseId" = c."Id"
                WHERE NOT EXISTS (SELECT 1 FROM "CaseSearch" s WHERE s.rowid = r."RowId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Cases_search_delete";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Cases_search_update";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Cases_search_insert";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "CaseSearch";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "CaseSearchRows";""");
        }
    }
}
