using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tenants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    minimum_group_size = table.Column<int>(type: "integer", nullable: false, defaultValue: 10),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("tenants_pkey", x => x.id);
                    table.CheckConstraint("tenants_minimum_group_size_check", "minimum_group_size >= 5");
                });

            migrationBuilder.CreateTable(
                name: "employees",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    department = table.Column<string>(type: "text", nullable: false),
                    time_zone = table.Column<string>(type: "text", nullable: false),
                    work_start = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    work_end = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    work_days = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    calendar_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_calendar_sync_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("employees_pkey", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "employees_tenant_id_fkey",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id");
                });

            migrationBuilder.CreateTable(
                name: "break_offers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    length_minutes = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<int>(type: "integer", nullable: false),
                    practice_id = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    responded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("break_offers_pkey", x => x.id);
                    table.ForeignKey(
                        name: "break_offers_tenant_id_employee_id_fkey",
                        columns: x => new { x.tenant_id, x.employee_id },
                        principalTable: "employees",
                        principalColumns: new[] { "tenant_id", "id" });
                });

            migrationBuilder.CreateTable(
                name: "calendar_entries",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    event_hash = table.Column<string>(type: "text", nullable: false),
                    start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    show_as = table.Column<int>(type: "integer", nullable: false),
                    is_all_day = table.Column<bool>(type: "boolean", nullable: false),
                    is_cancelled = table.Column<bool>(type: "boolean", nullable: false),
                    response = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("calendar_entries_pkey", x => new { x.tenant_id, x.employee_id, x.event_hash });
                    table.ForeignKey(
                        name: "calendar_entries_tenant_id_employee_id_fkey",
                        columns: x => new { x.tenant_id, x.employee_id },
                        principalTable: "employees",
                        principalColumns: new[] { "tenant_id", "id" });
                });

            migrationBuilder.CreateTable(
                name: "practice_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    offer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    practice_id = table.Column<string>(type: "text", nullable: false),
                    length_minutes = table.Column<int>(type: "integer", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    before_self_kindness = table.Column<int>(type: "integer", nullable: true),
                    before_self_criticism = table.Column<int>(type: "integer", nullable: true),
                    before_tension = table.Column<int>(type: "integer", nullable: true),
                    after_self_kindness = table.Column<int>(type: "integer", nullable: true),
                    after_self_criticism = table.Column<int>(type: "integer", nullable: true),
                    after_tension = table.Column<int>(type: "integer", nullable: true),
                    felt_worse = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("practice_sessions_pkey", x => x.id);
                    table.ForeignKey(
                        name: "practice_sessions_tenant_id_employee_id_fkey",
                        columns: x => new { x.tenant_id, x.employee_id },
                        principalTable: "employees",
                        principalColumns: new[] { "tenant_id", "id" });
                });

            migrationBuilder.CreateIndex(
                name: "ix_break_offers_due",
                table: "break_offers",
                columns: new[] { "status", "start" });

            migrationBuilder.CreateIndex(
                name: "ux_break_offers_moment",
                table: "break_offers",
                columns: new[] { "tenant_id", "employee_id", "start" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calendar_entries_window",
                table: "calendar_entries",
                columns: new[] { "tenant_id", "employee_id", "start" });

            migrationBuilder.CreateIndex(
                name: "ix_employees_due",
                table: "employees",
                columns: new[] { "tenant_id", "next_calendar_sync_at" });

            migrationBuilder.CreateIndex(
                name: "ix_practice_sessions_employee",
                table: "practice_sessions",
                columns: new[] { "tenant_id", "employee_id", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ux_practice_sessions_offer",
                table: "practice_sessions",
                column: "offer_id",
                unique: true,
                filter: "offer_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "break_offers");

            migrationBuilder.DropTable(
                name: "calendar_entries");

            migrationBuilder.DropTable(
                name: "practice_sessions");

            migrationBuilder.DropTable(
                name: "employees");

            migrationBuilder.DropTable(
                name: "tenants");
        }
    }
}
