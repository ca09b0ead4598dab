using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkplaceResilience.Api.Persistence.Migrations.Postgres
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "delivery_lease_until",
                table: "tenants",
                type: "timestamp with time zone",
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
