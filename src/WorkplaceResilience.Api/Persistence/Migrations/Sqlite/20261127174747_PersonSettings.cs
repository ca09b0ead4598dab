using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "person_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    employee_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    breaks_on = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    lengths = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    daily_cap = table.Column<int>(type: "INTEGER", nullable: true),
                    minimum_spacing_minutes = table.Column<int>(type: "INTEGER", nullable: true),
                    quiet_start = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    quiet_end = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    work_start = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    work_end = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    tentative_is_busy = table.Column<bool>(type: "INTEGER", nullable: false, defaultValue: true),
                    arrival_practices = table.Column<bool>(type: "INTEGER", nullable: false),
                    preferred_family = table.Column<int>(type: "INTEGER", nullable: true),
                    paused_until = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("person_settings_pkey", x => new { x.tenant_id, x.employee_id });
                    table.CheckConstraint("person_settings_daily_cap_check", "daily_cap IS NULL OR daily_cap BETWEEN 1 AND 8");
                    table.CheckConstraint("person_settings_spacing_check", "minimum_spacing_minutes IS NULL OR minimum_spacing_minutes BETWEEN 15 AND 480");
                    table.ForeignKey(
                        name: "person_settings_tenant_id_fkey",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id");
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "person_settings");
        }
    }
}
