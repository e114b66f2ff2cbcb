using Npgsql;

namespace StudyBot.Host.Tests;

/// <summary>The console chat through the real program: piped input, replies on stdout, exit 0 at end of input.</summary>
public sealed class ConsoleChatProcessTests : ProgramWithDatabase
{
    [Fact]
    public async Task Piped_commands_print_replies_and_exit_zero()
    {
        var (exit, stdout, stderr) = await HostProcess.RunAsync(["chat", "--content", Content], Environment(), "/start\n/today\n/quiz\n2\n");

        Assert.True(exit == 0, $"exit {exit}\n{stderr}");
        Assert.Contains("> /start", stdout, StringComparison.Ordinal);
        Assert.Contains("Welcome", stdout, StringComparison.Ordinal);
        Assert.Contains("Day 1 · Lesson 1 title", stdout, StringComparison.Ordinal);
        Assert.Contains("Q1/4.", stdout, StringComparison.Ordinal);
        Assert.Contains("  1) Weighted sums of values", stdout, StringComparison.Ordinal);
        Assert.Contains("Not quite", stdout, StringComparison.Ordinal); // plain "2" answered the question
    }

    [Fact]
    public async Task Several_members_of_one_group_are_simulated_and_state_persists()
    {
        var env = Environment();
        await HostProcess.RunAsync(["chat", "--content", Content, "--user", "ana", "--chat", "study"], env, "/done\n");
        await HostProcess.RunAsync(["chat", "--content", Content, "--user", "ben", "--chat", "study"], env, "/done\n");

        var (exit, stdout, _) = await HostProcess.RunAsync(["chat", "--content", Content, "--user", "ana", "--chat", "study"], env, "/leaderboard\n/setup\n");

        Assert.Equal(0, exit);
        Assert.Contains("ana", stdout, StringComparison.Ordinal);
        Assert.Contains("ben", stdout, StringComparison.Ordinal);
        Assert.Contains("Only the chat's admins can use /setup", stdout, StringComparison.Ordinal);

        var (_, adminOut, _) = await HostProcess.RunAsync(["chat", "--content", Content, "--user", "ana", "--chat", "study", "--admin"], env, "/setup tz=Asia/Tokyo\n");
        Assert.Contains("tz=Asia/Tokyo", adminOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachableDatabase_is_one_clear_line_and_exit_one()
    {
        var closedPort = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = 1, Timeout = 3 }.ConnectionString;

        var (exit, _, stderr) = await HostProcess.RunAsync(["chat", "--content", Content], new Dictionary<string, string?> { ["ConnectionStrings__StudyBot"] = closedPort });

        Assert.Equal(1, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("studybot: Database unreachable (host 127.0.0.1, port 1", line, StringComparison.Ordinal);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(Database.ConnectionString).Password!, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenContent_stops_the_bot_and_validate_names_file_line_and_field()
    {
        var lesson = Directory.GetFiles(Path.Combine(Content, "lessons")).Order(StringComparer.Ordinal).First();
        var lines = File.ReadAllLines(lesson).ToList();
        var correct = lines.FindIndex(l => l.Contains("correct: 1", StringComparison.Ordinal));
        lines[correct] = lines[correct].Replace("correct: 1", "correct: 7", StringComparison.Ordinal);
        File.WriteAllLines(lesson, lines);

        var (validateExit, validateOut, _) = await HostProcess.RunAsync(["content", "validate", "--content", Content], Environment());
        Assert.Equal(1, validateExit);
        Assert.Contains($"lessons/{Path.GetFileName(lesson)}:{correct + 1}:", validateOut, StringComparison.Ordinal);
        Assert.Contains("correct", validateOut, StringComparison.Ordinal);

        var (chatExit, _, chatErr) = await HostProcess.RunAsync(["chat", "--content", Content], Environment(), "/start\n");
        Assert.Equal(1, chatExit);
        Assert.Contains("is invalid", chatErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StudyBot__DefaultTimeZone", "Mars/Olympus_Mons", "IANA time zone")]
    [InlineData("StudyBot__DefaultPostTime", "25:99", "StudyBot:DefaultPostTime")]
    [InlineData("Smtp__Host", "smtp.example.com", "Web:PublicBaseUrl is required when Smtp:Host is set")]
    public async Task Bad_configuration_is_one_clear_line_and_exit_one(string key, string value, string expected)
    {
        var env = Environment();
        env[key] = value;

        var (exit, _, stderr) = await HostProcess.RunAsync(["chat", "--content", Content], env, "/start\n");

        Assert.Equal(1, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_passes_on_goodContent() =>
        Assert.Equal(0, (await HostProcess.RunAsync(["content", "validate", "--content", Content], Environment())).ExitCode);

    [Fact]
    public async Task Content_stats_prints_coverage_with_a_json_last_line()
    {
        var (exit, stdout, _) = await HostProcess.RunAsync(["content", "stats", "--content", Content], Environment());

        Assert.Equal(0, exit);
        Assert.Contains("basics: 3", stdout, StringComparison.Ordinal);
        var last = stdout.TrimEnd().Split('\n')[^1];
        using var json = System.Text.Json.JsonDocument.Parse(last);
        Assert.Equal(6, json.RootElement.GetProperty("lessons").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("bilingual").GetDouble());
        Assert.Equal(1, json.RootElement.GetProperty("first_hand_share").GetDouble());
        Assert.Equal(18, json.RootElement.GetProperty("mcq").GetInt32());
        Assert.Equal(6, json.RootElement.GetProperty("open").GetInt32());
    }

    [Fact]
    public async Task Migrate_applies_migrations_and_exits()
    {
        var (exit, stdout, _) = await HostProcess.RunAsync(["migrate", "--content", Content], Environment());

        Assert.Equal(0, exit);
        Assert.Contains("Migrations applied", stdout, StringComparison.Ordinal);
    }
}
