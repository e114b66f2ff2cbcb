using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StudyBot.Core.Persistence;

internal sealed class ChatConfiguration : IEntityTypeConfiguration<Chat>
{
    public void Configure(EntityTypeBuilder<Chat> builder)
    {
        builder.ToTable("chats");
        builder.HasIndex(c => new { c.Platform, c.ExternalId }).IsUnique();
        builder.Property(c => c.ExternalId).HasMaxLength(64);
        builder.Property(c => c.Title).HasMaxLength(256);
        builder.Property(c => c.TrackId).HasMaxLength(64);
        builder.Property(c => c.TimeZone).HasMaxLength(64);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.HasMany(c => c.Memberships).WithOne(m => m.Chat).HasForeignKey(m => m.ChatId);
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("members");
        builder.HasIndex(m => new { m.Platform, m.ExternalId }).IsUnique();
        builder.Property(m => m.ExternalId).HasMaxLength(64);
        builder.Property(m => m.DisplayName).HasMaxLength(128);
        builder.Property(m => m.Language).HasMaxLength(8);
        builder.Property(m => m.PlatformLocale).HasMaxLength(16);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("memberships");
        builder.HasKey(m => new { m.ChatId, m.MemberId });
        builder.HasOne(m => m.Member).WithMany().HasForeignKey(m => m.MemberId);
    }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.ToTable("check_ins");
        builder.HasIndex(c => new { c.MemberId, c.ChatId, c.LocalDate }).IsUnique();
        builder.HasIndex(c => new { c.ChatId, c.LocalDate });
        builder.HasOne<Chat>().WithMany().HasForeignKey(c => c.ChatId);
        builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId);
    }
}

internal sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> builder)
    {
        builder.ToTable("quiz_attempts");
        builder.Property(a => a.LessonId).HasMaxLength(64);
        builder.HasIndex(a => new { a.MemberId, a.ChatId, a.LessonId });
        builder.HasOne<Chat>().WithMany().HasForeignKey(a => a.ChatId);
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId);
        builder.HasMany(a => a.Answers).WithOne(a => a.Attempt).HasForeignKey(a => a.AttemptId);
    }
}

internal sealed class QuizAnswerConfiguration : IEntityTypeConfiguration<QuizAnswer>
{
    public void Configure(EntityTypeBuilder<QuizAnswer> builder)
    {
        builder.ToTable("quiz_answers");
        builder.Property(a => a.QuestionId).HasMaxLength(64);
        builder.Property(a => a.Text).HasMaxLength(4000);
        builder.Property(a => a.Grader).HasMaxLength(128);
        builder.Property(a => a.Details).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.AttemptId, a.QuestionId }).IsUnique();
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("deliveries");

        // NULLS NOT DISTINCT: a chat-wide delivery (member_id null) is as unique as a member's.
        builder.HasIndex(d => new { d.ChatId, d.Kind, d.LocalDate, d.MemberId }).IsUnique().AreNullsDistinct(false);
        builder.HasIndex(d => d.LeaseUntil).HasFilter("status = 'Sending'");
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.HasOne<Chat>().WithMany().HasForeignKey(d => d.ChatId);
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId);
    }
}

internal sealed class EmailSubscriptionConfiguration : IEntityTypeConfiguration<EmailSubscription>
{
    public void Configure(EntityTypeBuilder<EmailSubscription> builder)
    {
        builder.ToTable("email_subscriptions");
        builder.Property(s => s.Email).HasMaxLength(320);
        builder.Property(s => s.ConfirmationCodeHash).HasMaxLength(64);
        builder.Property(s => s.UnsubscribeToken).HasMaxLength(64);
        builder.HasIndex(s => new { s.ChatId, s.MemberId }).IsUnique();
        builder.HasIndex(s => s.UnsubscribeToken).IsUnique();
        builder.HasOne<Chat>().WithMany().HasForeignKey(s => s.ChatId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SourceRecordConfiguration : IEntityTypeConfiguration<SourceRecord>
{
    public void Configure(EntityTypeBuilder<SourceRecord> builder)
    {
        builder.ToTable("sources");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.Property(s => s.Url).HasMaxLength(500);
        builder.Property(s => s.Tier).HasMaxLength(16);
        builder.Property(s => s.Kind).HasMaxLength(16);
    }
}
