using Microsoft.EntityFrameworkCore.Design;

namespace StudyBot.Core.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the bot; no database is contacted.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StudyBotDbContext>
{
    public StudyBotDbContext CreateDbContext(string[] args) =>
        new(StudyBotDatabase.Options("Host=127.0.0.1;Database=studybot_design;Username=studybot"));
}
