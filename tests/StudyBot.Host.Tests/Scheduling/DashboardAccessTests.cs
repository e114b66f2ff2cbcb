using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using StudyBot.Host.Scheduling;

namespace StudyBot.Host.Tests.Scheduling;

public class DashboardAccessTests
{
    private static DefaultHttpContext Request(string ip, bool https = false, string? auth = null, string? forwardedProto = null)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(ip);
        http.Request.IsHttps = https;
        if (auth is not null)
        {
            http.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(auth));
        }

        if (forwardedProto is not null)
        {
            http.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        }

        return http;
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.1.2.3", false)]
    [InlineData("203.0.113.9", false)]
    public void Without_credentials_only_loopback_gets_in(string ip, bool allowed) =>
        Assert.Equal(allowed, new DashboardAccess(new DashboardOptions()).IsAllowed(Request(ip)));

    [Fact]
    public void With_credentials_basic_auth_over_https_is_required_even_on_loopback()
    {
        var access = new DashboardAccess(new DashboardOptions { Username = "ops", Password = "s3cret" });

        Assert.True(access.IsAllowed(Request("203.0.113.9", https: true, auth: "ops:s3cret")));
        Assert.True(access.IsAllowed(Request("10.0.0.5", auth: "ops:s3cret", forwardedProto: "https")));
        Assert.False(access.IsAllowed(Request("203.0.113.9", https: false, auth: "ops:s3cret")));
        Assert.False(access.IsAllowed(Request("203.0.113.9", https: true, auth: "ops:wrong")));
        Assert.False(access.IsAllowed(Request("127.0.0.1", https: true)));
        var challenged = Request("203.0.113.9", https: true);
        access.IsAllowed(challenged);
        Assert.Contains("Basic", challenged.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
