using Microsoft.EntityFrameworkCore;

namespace StudyBot.Core.Persistence;

public sealed class StudyBotDbContext(DbContextOptions<StudyBotDbContext> options) : DbContext(options)
{
    public DbSet<Chat> Chats => Set<Chat>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<CheckIn> CheckIns => Set<CheckIn>();

    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();

    public DbSet<QuizAnswer> QuizAnswers => Set<QuizAnswer>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<SourceRecord> Sources => Set<SourceRecord>();

    public DbSet<EmailSubscription> EmailSubscriptions => Set<EmailSubscription>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Enums as readable text: safe to reorder, readable in psql.
        configurationBuilder.Properties<Platform>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ChatKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<QuestionKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DeliveryKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DayOfWeek>().HaveConversion<string>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.HasDefaultSchema("studybot");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(StudyBotDbContext).Assembly);
    }
}
