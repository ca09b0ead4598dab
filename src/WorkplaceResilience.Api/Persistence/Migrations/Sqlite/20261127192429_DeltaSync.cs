using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Sqlite
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
                    tenant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    employee_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    delta_link = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    window_start = table.Column<long>(type: "INTEGER", nullable: true),
                    window_end = table.Column<long>(type: "INTEGER", nullable: true),
                    roll_window_at = table.Column<long>(type: "INTEGER", nullable: false),
                    changed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    subscription_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    client_state_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    subscription_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    renew_subscription_at = table.Column<long>(type: "INTEGER", nullable: false),
                    mailbox_settings_due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    failure = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    failed_at = table.Column<long>(type: "INTEGER", nullable: true)
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
