using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "paused_until",
                table: "employees",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "claimed_at",
                table: "break_offers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "delivery_attempt_id",
                table: "break_offers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "end_reason",
                table: "break_offers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "gap_end",
                table: "break_offers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "next_attempt_at",
                table: "break_offers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "skip_reason",
                table: "break_offers",
                type: "INTEGER",
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
