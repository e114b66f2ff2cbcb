using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StudyBot.Core.Email;
using StudyBot.Host.Email;

namespace StudyBot.Host.Tests.Email;

/// <summary>Smtp:* and Web:PublicBaseUrl are checked at start, with one clear message.</summary>
public sealed class EmailOptionsTests
{
    private static ServiceProvider Services(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging()
            .AddStudyBotEmail()
            .BuildServiceProvider();

    [Fact]
    public void No_host_means_email_off()
    {
        var sender = Services([]).GetRequiredService<IEmailSender>();
        Assert.False(sender.IsConfigured);
    }

    [Fact]
    public void A_full_configuration_is_accepted()
    {
        var services = Services(new()
        {
            ["Smtp:Host"] = "smtp.example.com",
            ["Smtp:From"] = "StudyBot <bot@example.com>",
            ["Smtp:Security"] = "SslOnConnect",
            ["Web:PublicBaseUrl"] = "https://bot.example.com",
        });

        Assert.True(services.GetRequiredService<IEmailSender>().IsConfigured);
        Assert.Equal(465, services.GetRequiredService<IOptions<SmtpOptions>>().Value.EffectivePort);
    }

    [Theory]
    [InlineData(null, "https://bot.example.com", "Smtp:From")]
    [InlineData("not an address", "https://bot.example.com", "Smtp:From")]
    [InlineData("bot@example.com", null, "Web:PublicBaseUrl is required")]
    [InlineData("bot@example.com", "ftp://bot.example.com", "Web:PublicBaseUrl must be")]
    public void Bad_settings_stop_start_up_naming_the_setting(string? from, string? baseUrl, string expected)
    {
        var services = Services(new() { ["Smtp:Host"] = "smtp.example.com", ["Smtp:From"] = from, ["Web:PublicBaseUrl"] = baseUrl });

        var error = Assert.Throws<OptionsValidationException>(() =>
        {
            _ = services.GetRequiredService<IOptions<WebOptions>>().Value;
            _ = services.GetRequiredService<IOptions<SmtpOptions>>().Value;
        });
        Assert.Contains(expected, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }
}
