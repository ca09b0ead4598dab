using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HrRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "country",
                table: "employees",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "office_location",
                table: "employees",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "share_check_ins_in_reports",
                table: "employees",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "report_audit",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    report = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    grouping = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    from_week = table.Column<DateOnly>(type: "date", nullable: true),
                    to_week = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("report_audit_pkey", x => x.id);
                    table.ForeignKey(
                        name: "report_audit_tenant_id_fkey",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "report_releases",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    week_start = table.Column<DateOnly>(type: "date", nullable: false),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    minimum_group_size = table.Column<int>(type: "integer", nullable: false),
                    epsilon_per_value = table.Column<double>(type: "double precision", nullable: false),
                    epsilon = table.Column<double>(type: "double precision", nullable: false),
                    withheld = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("report_releases_pkey", x => new { x.tenant_id, x.week_start });
                    table.ForeignKey(
                        name: "report_releases_tenant_id_fkey",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "report_cells",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    week_start = table.Column<DateOnly>(type: "date", nullable: false),
                    grouping = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    group_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    hidden = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    figures = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("report_cells_pkey", x => new { x.tenant_id, x.grouping, x.week_start, x.group_name });
                    table.ForeignKey(
                        name: "report_cells_release_fkey",
                        columns: x => new { x.tenant_id, x.week_start },
                        principalTable: "report_releases",
                        principalColumns: new[] { "tenant_id", "week_start" });
                });

            migrationBuilder.CreateIndex(
                name: "ix_report_audit_at",
                table: "report_audit",
                columns: new[] { "tenant_id", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_report_cells_tenant_id_week_start",
                table: "report_cells",
                columns: new[] { "tenant_id", "week_start" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_audit");

            migrationBuilder.DropTable(
                name: "report_cells");

            migrationBuilder.DropTable(
                name: "report_releases");

            migrationBuilder.DropColumn(
                name: "country",
                table: "employees");

            migrationBuilder.DropColumn(
                name: "office_location",
                table: "employees");

            migrationBuilder.DropColumn(
                name: "share_check_ins_in_reports",
                table: "employees");
        }
    }
}
