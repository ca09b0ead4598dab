using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TenantSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "daily_cap",
                table: "tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<bool>(
                name: "enabled",
                table: "tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "groups_in_scope",
                table: "tenants",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "nudges_paused",
                table: "tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "onboarded_at",
                table: "tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "quiet_end",
                table: "tenants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "quiet_start",
                table: "tenants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "retention_days",
                table: "tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.AddColumn<string>(
                name: "support_links",
                table: "tenants",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<TimeOnly>(
                name: "work_end",
                table: "tenants",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(17, 0, 0));

            migrationBuilder.AddColumn<TimeOnly>(
                name: "work_start",
                table: "tenants",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(9, 0, 0));

            migrationBuilder.AddCheckConstraint(
                name: "tenants_daily_cap_check",
                table: "tenants",
                sql: "daily_cap BETWEEN 1 AND 8");

            migrationBuilder.AddCheckConstraint(
                name: "tenants_retention_days_check",
                table: "tenants",
                sql: "retention_days BETWEEN 7 AND 730");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "tenants_daily_cap_check",
                table: "tenants");

            migrationBuilder.DropCheckConstraint(
                name: "tenants_retention_days_check",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "daily_cap",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "enabled",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "groups_in_scope",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "nudges_paused",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "onboarded_at",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "quiet_end",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "quiet_start",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "retention_days",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "support_links",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "work_end",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "work_start",
                table: "tenants");
        }
    }
}
