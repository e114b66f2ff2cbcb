using Microsoft.Extensions.Logging;
using StudyBot.Core.Commands;
using StudyBot.Telegram.Rendering;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Rendering;

/// <summary>A button whose command does not fit Telegram's 64-byte callback data is shown as text, with a warning once.</summary>
public sealed class CallbackDataLimitTests
{
    private static readonly string LongCommand = "/answer 2 #" + new string('l', 51) + "/q1"; // 65 bytes

    private static Reply WithButtons(params ReplyButton[] buttons) =>
        new ReplyBuilder().Paragraph("Question").Build() with { Buttons = buttons };

    [Fact]
    public void A_command_over_64_bytes_becomes_a_text_hint_and_the_other_buttons_stay()
    {
        var told = new List<ReplyButton>();
        var reply = WithButtons(new ReplyButton("Quiz", "/quiz"), new ReplyButton("Answer <2>", LongCommand));

        var message = Assert.Single(TelegramReplyRenderer.Render(reply, onButtonTooLong: told.Add));

        Assert.Equal(["/quiz"], message.Buttons.Select(b => b.Command));
        Assert.EndsWith("\n\nAnswer &lt;2&gt;: <code>" + LongCommand + "</code>", message.Html, StringComparison.Ordinal);
        Assert.Equal(LongCommand, Assert.Single(told).Command);
    }

    [Fact]
    public void A_command_of_exactly_64_bytes_stays_a_button()
    {
        var command = "/" + new string('x', 63);

        var message = Assert.Single(TelegramReplyRenderer.Render(WithButtons(new ReplyButton("X", command))));

        Assert.Equal([command], message.Buttons.Select(b => b.Command));
        Assert.DoesNotContain("<code>", message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Multibyte_commands_are_measured_in_bytes()
    {
        var command = "/sources " + new string('语', 20); // 9 + 60 bytes, 29 characters

        var message = Assert.Single(TelegramReplyRenderer.Render(WithButtons(new ReplyButton("来源", command))));

        Assert.Empty(message.Buttons);
        Assert.Contains(command, message.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_running_bot_warns_once_per_command()
    {
        var logs = new CapturedLogs();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var rendering = new ReplyRendering(factory.CreateLogger<ReplyRendering>());

        for (var i = 0; i < 3; i++)
        {
            rendering.Render(WithButtons(new ReplyButton("Answer", LongCommand)), ReplyAddress.None);
        }

        var warning = Assert.Single(logs.Warnings);
        Assert.Contains(LongCommand, warning, StringComparison.Ordinal);
        Assert.Contains("64", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_rendered_again_is_served_from_the_cache_with_its_own_reply_to()
    {
        var rendering = new ReplyRendering(LoggerFactory.Create(_ => { }).CreateLogger<ReplyRendering>());
        var reply = WithButtons(new ReplyButton("Quiz", "/quiz"));

        var first = rendering.Render(reply, new ReplyAddress(ReplyToMessageId: 7));
        var second = rendering.Render(reply, new ReplyAddress(ReplyToMessageId: 8));
        var plain = rendering.Render(reply, ReplyAddress.None);

        Assert.Equal(7, first[0].ReplyToMessageId);
        Assert.Equal(8, second[0].ReplyToMessageId);
        Assert.Null(plain[0].ReplyToMessageId);
        Assert.Equal(first[0].Html, plain[0].Html);
    }
}
