using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CalendarNotificationResourceData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "applied_at",
                table: "calendar_sync_states",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "notification_certificate_id",
                table: "calendar_sync_states",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "notified_at",
                table: "calendar_sync_states",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "last_modified",
                table: "calendar_entries",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "applied_at",
                table: "calendar_sync_states");

            migrationBuilder.DropColumn(
                name: "notification_certificate_id",
                table: "calendar_sync_states");

            migrationBuilder.DropColumn(
                name: "notified_at",
                table: "calendar_sync_states");

            migrationBuilder.DropColumn(
                name: "last_modified",
                table: "calendar_entries");
        }
    }
}
