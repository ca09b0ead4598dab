using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CalendarNotificationResourceData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "applied_at",
                table: "calendar_sync_states",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "notification_certificate_id",
                table: "calendar_sync_states",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "notified_at",
                table: "calendar_sync_states",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_modified",
                table: "calendar_entries",
                type: "timestamp with time zone",
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
