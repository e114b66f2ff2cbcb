using System.Net;

namespace StudyBot.Host.Tests.Email;

/// <summary>The unsubscribe page answers unknown or malformed tokens with a bare 404 and does nothing.</summary>
public sealed class UnsubscribePageTests
{
    [Theory]
    [InlineData("")]
    [InlineData("?token=")]
    [InlineData("?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("?token=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("?token=' OR 1=1 --")]
    public async Task Unknown_tokens_get_a_404_that_tells_nothing(string query)
    {
        await using var rig = await EmailRig.StartAsync();
        await rig.SubscribeAsync();
        var url = new Uri(rig.Web.Urls.First() + "/email/unsubscribe" + query);

        var get = await rig.Http.GetAsync(url);
        using var form = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var post = await rig.Http.PostAsync(url, form);

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("script", body, StringComparison.Ordinal);
            Assert.DoesNotContain("example.com", body, StringComparison.Ordinal);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }

        await using var db = rig.Bot.Db();
        Assert.All(db.EmailSubscriptions, s => Assert.Null(s.UnsubscribedAt));
    }

    [Fact]
    public async Task The_form_posts_the_token_and_a_second_post_still_says_done()
    {
        await using var rig = await EmailRig.StartAsync();
        await rig.SubscribeAsync();
        string token;
        await using (var db = rig.Bot.Db())
        {
            token = db.EmailSubscriptions.Single().UnsubscribeToken;
        }

        var url = new Uri(rig.Web.Urls.First() + "/email/unsubscribe");
        using var form = new FormUrlEncodedContent([new("token", token)]);
        var first = await rig.Http.PostAsync(url, form);
        using var again = new FormUrlEncodedContent([new("token", token)]);
        var second = await rig.Http.PostAsync(url, again);
        var page = await rig.Http.GetAsync(new Uri($"{url}?token={token}"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.DoesNotContain("<form", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var check = rig.Bot.Db();
        Assert.NotNull(check.EmailSubscriptions.Single().UnsubscribedAt);
    }
}
