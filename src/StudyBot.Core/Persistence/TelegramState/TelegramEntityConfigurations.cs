using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Core.Persistence.TelegramState;

internal sealed class TelegramPollingOffsetConfiguration : IEntityTypeConfiguration<TelegramPollingOffset>
{
    public void Configure(EntityTypeBuilder<TelegramPollingOffset> builder)
    {
        builder.ToTable("telegram_polling_offsets");
        builder.HasKey(o => o.BotId);
        builder.Property(o => o.BotId).ValueGeneratedNever();
    }
}

internal sealed class TelegramProcessedUpdateConfiguration : IEntityTypeConfiguration<TelegramProcessedUpdate>
{
    public void Configure(EntityTypeBuilder<TelegramProcessedUpdate> builder)
    {
        builder.ToTable("telegram_processed_updates");
        builder.HasKey(u => new { u.BotId, u.UpdateId });
        builder.HasIndex(u => u.ReceivedAt); // pruning old claims
        builder.HasIndex(u => new { u.BotId, u.UpdateId }).HasDatabaseName("ix_telegram_inbox_waiting")
            .HasFilter("payload IS NOT NULL AND handled_at IS NULL");
    }
}

internal sealed class TelegramQuestionMessageConfiguration : IEntityTypeConfiguration<TelegramQuestionMessage>
{
    public void Configure(EntityTypeBuilder<TelegramQuestionMessage> builder)
    {
        builder.ToTable("telegram_question_messages");
        builder.Property(q => q.PollId).HasMaxLength(64);
        builder.Property(q => q.LessonId).HasMaxLength(64);
        builder.Property(q => q.QuestionId).HasMaxLength(64);
        builder.HasIndex(q => q.PollId).IsUnique();

        // Not unique: a supergroup starts a new message id range under the same chat row after a migration.
        builder.HasIndex(q => new { q.ChatId, q.MessageId });
        builder.HasOne<Chat>().WithMany().HasForeignKey(q => q.ChatId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TelegramSendPaceConfiguration : IEntityTypeConfiguration<TelegramSendPace>
{
    public void Configure(EntityTypeBuilder<TelegramSendPace> builder)
    {
        builder.ToTable("telegram_send_paces");
        builder.IsUnlogged(); // losing it in a crash only allows one burst; not writing WAL keeps each send cheap
        builder.HasKey(p => new { p.BotId, p.ChatId });
        // No index on NextAt: it changes with every send, and pruning scans a table of active chats rarely.
    }
}
