using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue8NotificationResourceData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "applied_at",
                table: "calendar_sync_states",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "with_resource_data",
                table: "calendar_sync_states",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

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
                name: "with_resource_data",
                table: "calendar_sync_states");

            migrationBuilder.DropColumn(
                name: "last_modified",
                table: "calendar_entries");
        }
    }
}
