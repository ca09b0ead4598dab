using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeliveryAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "paused_until",
                table: "employees",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "claimed_at",
                table: "break_offers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "delivery_attempt_id",
                table: "break_offers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "end_reason",
                table: "break_offers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "gap_end",
                table: "break_offers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "next_attempt_at",
                table: "break_offers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "skip_reason",
                table: "break_offers",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "paused_until",
                table: "employees");

            migrationBuilder.DropColumn(
                name: "claimed_at",
                table: "break_offers");

            migrationBuilder.DropColumn(
                name: "delivery_attempt_id",
                table: "break_offers");

            migrationBuilder.DropColumn(
                name: "end_reason",
                table: "break_offers");

            migrationBuilder.DropColumn(
                name: "gap_end",
                table: "break_offers");

            migrationBuilder.DropColumn(
                name: "next_attempt_at",
                table: "break_offers");

            migrationBuilder.DropColumn(
                name: "skip_reason",
                table: "break_offers");
        }
    }
}
