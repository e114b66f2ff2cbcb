using System.CommandLine;
using StudyBot.Host.ConsoleChat;

namespace StudyBot.Host.Cli;

/// <summary>The verbs: run (default), chat, migrate, content validate.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var content = new Option<string?>("--content") { Description = "The content folder (default: the nearest 'content' folder with roadmap.yaml).", Recursive = true };
        var user = new Option<string?>("--user") { Description = "Who speaks in the console chat." };
        var chat = new Option<string?>("--chat") { Description = "A group chat to speak in (default: a private chat with the bot)." };
        var admin = new Option<bool>("--admin") { Description = "The console user administers the group chat." };

        ConsoleIdentity Identity(ParseResult result)
        {
            var fallback = ConsoleIdentity.Default;
            return new ConsoleIdentity(result.GetValue(user) ?? fallback.UserName, result.GetValue(chat), result.GetValue(admin));
        }

        var root = new RootCommand("StudyBot: a study-group bot for learning LLMs, one lesson a day.") { TreatUnmatchedTokensAsErrors = false };
        root.Options.Add(content);

        var run = new Command("run", "Run the bot: web host, health endpoints and, at a terminal, the console chat (default).") { TreatUnmatchedTokensAsErrors = false };
        run.Options.Add(user);
        run.Options.Add(chat);
        run.Options.Add(admin);
        Func<ParseResult, CancellationToken, Task<int>> runAction = (result, token) =>
            Verbs.RunAsync([.. result.UnmatchedTokens], result.GetValue(content), Identity(result), token);
        run.SetAction(runAction);
        root.SetAction(runAction);
        root.Subcommands.Add(run);

        var chatVerb = new Command("chat", "The console chat alone; reads standard input to its end.");
        chatVerb.Options.Add(user);
        chatVerb.Options.Add(chat);
        chatVerb.Options.Add(admin);
        chatVerb.SetAction((result, token) => Verbs.ChatAsync(result.GetValue(content), Identity(result), token));
        root.Subcommands.Add(chatVerb);

        var worker = new Command("worker", "Run Hangfire workers only (daily posts, digests): no web endpoints, no console.");
        worker.SetAction((result, token) => Verbs.WorkerAsync(result.GetValue(content), token));
        root.Subcommands.Add(worker);

        var commandsVerb = new Command("commands", "Chat platform command menus.");
        var guild = new Option<string?>("--guild") { Description = "Register to this Discord guild only (instant; for development) instead of globally." };
        var register = new Command("register", "Register the Discord slash commands by bulk overwrite (needs Discord__BotToken and Discord__ApplicationId).") { guild };
        register.SetAction((result, token) => Verbs.RegisterDiscordCommandsAsync(result.GetValue(guild), token));
        commandsVerb.Subcommands.Add(register);
        root.Subcommands.Add(commandsVerb);

        var migrate = new Command("migrate", "Apply database migrations and exit.");
        migrate.SetAction((result, token) => Verbs.MigrateAsync(result.GetValue(content), token));
        root.Subcommands.Add(migrate);

        var contentVerb = new Command("content", "Work with the curriculum in content/.");
        var validate = new Command("validate", "Check every content file; prints file:line: field: problem and exits 1 on errors.");
        validate.SetAction((result, _) => Verbs.ValidateContentAsync(result.GetValue(content)));
        contentVerb.Subcommands.Add(validate);
        var stats = new Command("stats", "Lessons per stage, bilingual and first-hand shares, quiz counts; last line JSON.");
        stats.SetAction((result, _) => Verbs.ContentStatsAsync(result.GetValue(content)));
        contentVerb.Subcommands.Add(stats);
        root.Subcommands.Add(contentVerb);

        var gradingVerb = new Command("grading", "Measure the answer grader.");
        var evalFile = new Argument<string>("file") { Description = "JSON lines {\"question\",\"reference\",\"answer\",\"score\",\"max\"} scored by humans." };
        var evalFolds = new Option<int?>("--folds") { Description = "Also cross-validate: K folds by question, options tuned on K-1, r on the held-out one." };
        var evaluate = new Command("eval", "Grade human-scored answers offline; prints Pearson r, Spearman ρ and QWK, last line JSON.") { evalFile, evalFolds };
        evaluate.SetAction((result, _) => GradingEvalVerb.RunAsync(result.GetValue(evalFile)!, Console.Out, Console.Error, result.GetValue(evalFolds)));
        gradingVerb.Subcommands.Add(evaluate);
        root.Subcommands.Add(gradingVerb);
        return root;
    }
}
