using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeltaSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calendar_sync_states",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employee_id = table.Column<Guid>(type: "uuid", nullable: false),
                    delta_link = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    window_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    roll_window_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    subscription_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    client_state_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    subscription_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    renew_subscription_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    mailbox_settings_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    failure = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("calendar_sync_states_pkey", x => new { x.tenant_id, x.employee_id });
                    table.ForeignKey(
                        name: "calendar_sync_states_tenant_id_employee_id_fkey",
                        columns: x => new { x.tenant_id, x.employee_id },
                        principalTable: "employees",
                        principalColumns: new[] { "tenant_id", "id" });
                });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_sync_states_mailbox_settings",
                table: "calendar_sync_states",
                columns: new[] { "tenant_id", "mailbox_settings_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_sync_states_renewal",
                table: "calendar_sync_states",
                columns: new[] { "tenant_id", "renew_subscription_at" });

            migrationBuilder.CreateIndex(
                name: "ix_calendar_sync_states_subscription",
                table: "calendar_sync_states",
                columns: new[] { "tenant_id", "subscription_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_sync_states");
        }
    }
}
