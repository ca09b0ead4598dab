using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Postgres
{
    /// <summary>
    /// Stored event hashes were keyed with the tenant id, which is public. They cannot be re-keyed (the event ids are
    /// not stored), so the calendar blocks are dropped and every calendar made due: the next calendar-sync run reads
    /// them again, hashed with the per-tenant secret. Offers stay; re-planning keeps or withdraws them as usual.
    /// </summary>
    public partial class RekeyEventHashes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM calendar_entries;");
            migrationBuilder.Sql("UPDATE employees SET next_calendar_sync_at = '2000-01-01T00:00:00Z';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: the blocks are read again from Graph either way.
        }
    }
}
