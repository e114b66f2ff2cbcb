using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StudyBot.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TelegramState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "unreachable_since",
                schema: "studybot",
                table: "members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "telegram_polling_offsets",
                schema: "studybot",
                columns: table => new
                {
                    bot_id = table.Column<long>(type: "bigint", nullable: false),
                    next_update_id = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_telegram_polling_offsets", x => x.bot_id);
                });

            migrationBuilder.CreateTable(
                name: "telegram_processed_updates",
                schema: "studybot",
                columns: table => new
                {
                    bot_id = table.Column<long>(type: "bigint", nullable: false),
                    update_id = table.Column<long>(type: "bigint", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_telegram_processed_updates", x => new { x.bot_id, x.update_id });
                });

            migrationBuilder.CreateTable(
                name: "telegram_question_messages",
                schema: "studybot",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    chat_id = table.Column<long>(type: "bigint", nullable: false),
                    message_id = table.Column<int>(type: "integer", nullable: false),
                    poll_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    lesson_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    question_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_telegram_question_messages", x => x.id);
                    table.ForeignKey(
                        name: "fk_telegram_question_messages_chats_chat_id",
                        column: x => x.chat_id,
                        principalSchema: "studybot",
                        principalTable: "chats",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_telegram_processed_updates_received_at",
                schema: "studybot",
                table: "telegram_processed_updates",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_telegram_question_messages_chat_id_message_id",
                schema: "studybot",
                table: "telegram_question_messages",
                columns: new[] { "chat_id", "message_id" });

            migrationBuilder.CreateIndex(
                name: "ix_telegram_question_messages_poll_id",
                schema: "studybot",
                table: "telegram_question_messages",
                column: "poll_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "telegram_polling_offsets",
                schema: "studybot");

            migrationBuilder.DropTable(
                name: "telegram_processed_updates",
                schema: "studybot");

            migrationBuilder.DropTable(
                name: "telegram_question_messages",
                schema: "studybot");

            migrationBuilder.DropColumn(
                name: "unreachable_since",
                schema: "studybot",
                table: "members");
        }
    }
}
