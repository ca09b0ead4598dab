using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryHoldAndPacing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "delivery_lease_holder",
                table: "tenants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "delivery_lease_until",
                table: "tenants",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "delivery_lease_holder",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "delivery_lease_until",
                table: "tenants");
        }
    }
}
