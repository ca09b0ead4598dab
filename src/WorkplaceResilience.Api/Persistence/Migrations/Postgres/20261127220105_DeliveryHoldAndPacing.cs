using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeliveryHoldAndPacing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "paused_until",
                table: "employees");

            migrationBuilder.AddColumn<Guid>(
                name: "delivery_lease_holder",
                table: "tenants",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "delivery_lease_until",
                table: "tenants",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "calendar_hold",
                table: "person_settings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "hold_event_hash",
                table: "break_offers",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hold_event_id",
                table: "break_offers",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "delivery_lease_holder",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "delivery_lease_until",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "calendar_hold",
                table: "person_settings");

            migrationBuilder.DropColumn(
                name: "hold_event_hash",
                table: "break_offers");

            migrationBuilder.DropColumn(
                name: "hold_event_id",
                table: "break_offers");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "paused_until",
                table: "employees",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
