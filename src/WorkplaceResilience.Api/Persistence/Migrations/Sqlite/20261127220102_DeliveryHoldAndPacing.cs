using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "delivery_lease_until",
                table: "tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "calendar_hold",
                table: "person_settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "hold_event_hash",
                table: "break_offers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hold_event_id",
                table: "break_offers",
                type: "TEXT",
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

            migrationBuilder.AddColumn<long>(
                name: "paused_until",
                table: "employees",
                type: "INTEGER",
                nullable: true);
        }
    }
}
