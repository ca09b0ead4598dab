using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TenantMinimumGroupSizeCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddCheckConstraint(
                name: "tenants_minimum_group_size_check",
                table: "tenants",
                sql: "minimum_group_size >= 5");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "tenants_minimum_group_size_check",
                table: "tenants");
        }
    }
}
