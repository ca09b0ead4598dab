using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportsManagerGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "directory_delta_link",
                table: "tenants",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "directory_delta_scope",
                table: "tenants",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "action_clip",
                table: "report_releases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<bool>(
                name: "in_directory",
                table: "employees",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "manager_key",
                table: "employees",
                type: "TEXT",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "directory_delta_link",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "directory_delta_scope",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "action_clip",
                table: "report_releases");

            migrationBuilder.DropColumn(
                name: "in_directory",
                table: "employees");

            migrationBuilder.DropColumn(
                name: "manager_key",
                table: "employees");
        }
    }
}
