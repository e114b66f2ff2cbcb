using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StudyBot.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ScheduleMembersInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_deliveries_chat_id_kind_local_date",
                schema: "studybot",
                table: "deliveries");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "handled_at",
                schema: "studybot",
                table: "telegram_processed_updates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "payload",
                schema: "studybot",
                table: "telegram_processed_updates",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "reminders_on",
                schema: "studybot",
                table: "memberships",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_until",
                schema: "studybot",
                table: "deliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "member_id",
                schema: "studybot",
                table: "deliveries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "evening_time",
                schema: "studybot",
                table: "chats",
                type: "time without time zone",
                nullable: false,
                defaultValue: new TimeOnly(20, 0, 0)); // existing chats get the evening reminder time new ones get

            migrationBuilder.CreateTable(
                name: "email_subscriptions",
                schema: "studybot",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    chat_id = table.Column<long>(type: "bigint", nullable: false),
                    member_id = table.Column<long>(type: "bigint", nullable: false),
                    email = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    confirmation_code_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    code_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirm_attempts = table.Column<int>(type: "integer", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    unsubscribe_token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    unsubscribed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_email_subscriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_email_subscriptions_chats_chat_id",
                        column: x => x.chat_id,
                        principalSchema: "studybot",
                        principalTable: "chats",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_email_subscriptions_members_member_id",
                        column: x => x.member_id,
                        principalSchema: "studybot",
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_telegram_inbox_waiting",
                schema: "studybot",
                table: "telegram_processed_updates",
                columns: new[] { "bot_id", "update_id" },
                filter: "payload IS NOT NULL AND handled_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_chat_id_kind_local_date_member_id",
                schema: "studybot",
                table: "deliveries",
                columns: new[] { "chat_id", "kind", "local_date", "member_id" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_lease_until",
                schema: "studybot",
                table: "deliveries",
                column: "lease_until",
                filter: "status = 'Sending'");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_member_id",
                schema: "studybot",
                table: "deliveries",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_email_subscriptions_chat_id_member_id",
                schema: "studybot",
                table: "email_subscriptions",
                columns: new[] { "chat_id", "member_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_email_subscriptions_member_id",
                schema: "studybot",
                table: "email_subscriptions",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_email_subscriptions_unsubscribe_token",
                schema: "studybot",
                table: "email_subscriptions",
                column: "unsubscribe_token",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_deliveries_members_member_id",
                schema: "studybot",
                table: "deliveries",
                column: "member_id",
                principalSchema: "studybot",
                principalTable: "members",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_deliveries_members_member_id",
                schema: "studybot",
                table: "deliveries");

            migrationBuilder.DropTable(
                name: "email_subscriptions",
                schema: "studybot");

            migrationBuilder.DropIndex(
                name: "ix_telegram_inbox_waiting",
                schema: "studybot",
                table: "telegram_processed_updates");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_chat_id_kind_local_date_member_id",
                schema: "studybot",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_lease_until",
                schema: "studybot",
                table: "deliveries");

            migrationBuilder.DropIndex(
                name: "ix_deliveries_member_id",
                schema: "studybot",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "handled_at",
                schema: "studybot",
                table: "telegram_processed_updates");

            migrationBuilder.DropColumn(
                name: "payload",
                schema: "studybot",
                table: "telegram_processed_updates");

            migrationBuilder.DropColumn(
                name: "reminders_on",
                schema: "studybot",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "lease_until",
                schema: "studybot",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "member_id",
                schema: "studybot",
                table: "deliveries");

            migrationBuilder.DropColumn(
                name: "evening_time",
                schema: "studybot",
                table: "chats");

            migrationBuilder.CreateIndex(
                name: "ix_deliveries_chat_id_kind_local_date",
                schema: "studybot",
                table: "deliveries",
                columns: new[] { "chat_id", "kind", "local_date" },
                unique: true);
        }
    }
}
