using StudyBot.Core.Groups;
using StudyBot.Core.Persistence;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Groups;

public class SetupRequestTests
{
    private static (SetupRequest? Request, IReadOnlyList<SetupProblem> Problems) Parse(params string[] pairs) =>
        SetupRequest.Parse(pairs, TestContent.Catalog);

    [Fact]
    public void Applies_every_valid_pair()
    {
        var (request, problems) = Parse("track=short", "start=2026-12-01", "tz=Asia/Shanghai", "time=8:30", "digest=sun@19:15", "lang=zh");
        var chat = new Chat { ExternalId = "x", TrackId = "full", TimeZone = "UTC", Language = "en" };

        Assert.Empty(problems);
        request!.ApplyTo(chat);
        Assert.Equal("short", chat.TrackId);
        Assert.Equal(new DateOnly(2026, 12, 1), chat.StartDate);
        Assert.Equal("Asia/Shanghai", chat.TimeZone);
        Assert.Equal(new TimeOnly(8, 30), chat.PostTime);
        Assert.Equal(DayOfWeek.Sunday, chat.DigestDay);
        Assert.Equal(new TimeOnly(19, 15), chat.DigestTime);
        Assert.Equal("zh", chat.Language);
    }

    [Fact]
    public void Keeps_what_is_not_given()
    {
        var chat = new Chat { ExternalId = "x", TrackId = "full", TimeZone = "Europe/Berlin", Language = "en", PostTime = new TimeOnly(9, 0), DigestTime = new TimeOnly(18, 0) };
        Parse("digest=Mon").Request!.ApplyTo(chat);

        Assert.Equal("Europe/Berlin", chat.TimeZone);
        Assert.Equal(DayOfWeek.Monday, chat.DigestDay);
        Assert.Equal(new TimeOnly(18, 0), chat.DigestTime);
    }

    [Theory]
    [InlineData("colour=blue", SetupProblemKind.UnknownKey)]
    [InlineData("tz", SetupProblemKind.NotKeyValue)]
    [InlineData("track=nope", SetupProblemKind.BadTrack)]
    [InlineData("start=01/12/2026", SetupProblemKind.BadDate)]
    [InlineData("start=2026-02-30", SetupProblemKind.BadDate)]
    [InlineData("tz=Mars/Olympus", SetupProblemKind.BadZone)]
    [InlineData("time=25:00", SetupProblemKind.BadTime)]
    [InlineData("digest=Funday", SetupProblemKind.BadDigest)]
    [InlineData("digest=S", SetupProblemKind.BadDigest)]
    [InlineData("lang=fr", SetupProblemKind.BadLanguage)]
    public void Names_each_bad_pair_and_changes_nothing(string pair, SetupProblemKind kind)
    {
        var (request, problems) = Parse(pair);

        Assert.Null(request);
        var problem = Assert.Single(problems);
        Assert.Equal(kind, problem.Kind);
    }

    [Fact]
    public void One_bad_pair_voids_the_good_ones()
    {
        var (request, problems) = Parse("time=07:00", "tz=Nowhere/Atall", "lang=zh");

        Assert.Null(request);
        Assert.Equal(SetupProblemKind.BadZone, Assert.Single(problems).Kind);
    }

    [Fact]
    public void Suggests_zones_for_a_typo() =>
        Assert.Contains("Asia/Shanghai", Parse("tz=Asia/Shangai").Problems.Single().Suggestions);

    [Fact]
    public void A_key_given_twice_is_a_problem() =>
        Assert.Equal(SetupProblemKind.Repeated, Parse("time=07:00", "time=08:00").Problems.Single().Kind);
}
