using Microsoft.Extensions.DependencyInjection;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Digests;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Telegram.Rendering;
using StudyBot.Telegram.Tests.Fakes;

namespace StudyBot.Telegram.Tests.Digests;

/// <summary>The digest's chart as a Telegram photo: its own sendPhoto (multipart) between the digest's text messages.</summary>
public sealed class DigestPhotoTests
{
    private const long Group = -100_900_100;
    private const long Ana = 911;
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The uploaded photo: the "photo" part itself, or the part its "attach://name" value points at.</summary>
    private static UploadedFile PhotoFile(System.Text.Json.Nodes.JsonObject fields, IReadOnlyDictionary<string, UploadedFile> files) =>
        files.TryGetValue("photo", out var direct) ? direct
        : files.TryGetValue(fields["photo"]?.GetValue<string>()?.Replace("attach://", "", StringComparison.Ordinal) ?? "", out var attached) ? attached
        : throw new Xunit.Sdk.XunitException($"no photo among fields {fields.ToJsonString()} and files {string.Join(", ", files.Keys)}");

    private static ImageBlock Chart() => CheckInChart.Render(new DateOnly(2026, 3, 2), [1, 0, 2, 3, 0, 0, 1], Language.En);

    [Fact]
    public void An_image_is_its_own_photo_message_with_a_short_caption_and_buttons_stay_last()
    {
        var chart = Chart();
        var reply = new ReplyBuilder().Heading("📰 Weekly digest").Paragraph("7 check-ins.").Block(chart).Paragraph("Next week: day 3").Button("Today", "/today").Build();

        var messages = TelegramReplyRenderer.Render(reply);

        Assert.Equal(3, messages.Count);
        Assert.Contains("Weekly digest", messages[0].Html, StringComparison.Ordinal);
        Assert.Same(chart.Png, messages[1].Photo!.Png);
        Assert.Equal(chart.AltText, messages[1].Photo!.Caption);
        Assert.Null(messages[1].Html);
        Assert.Equal("Next week: day 3", messages[2].Html);
        Assert.Equal(["/today"], messages[2].Buttons.Select(b => b.Command));
    }

    [Fact]
    public async Task The_photo_is_uploaded_as_multipart_and_a_failed_upload_is_sent_whole_again()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.FailNext("sendPhoto", new InjectedFailure(500, "Internal Server Error"));
        await using var bot = await TelegramTestBot.StartAsync(api);
        var chart = Chart();

        var result = await bot.Services.GetRequiredService<ChatSenders>().SendAsync(
            new ChatRef(Platform.Telegram, Group.ToString(System.Globalization.CultureInfo.InvariantCulture), ChatKind.Group),
            null,
            new ReplyBuilder().Paragraph("before").Block(chart).Paragraph("after").Build(),
            CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.Equal([500, 200], api.CallsTo("sendPhoto").Select(c => c.Status));
        Assert.Equal(2, api.Uploads.Count);
        foreach (var (method, fields, files) in api.Uploads)
        {
            Assert.Equal("sendPhoto", method);
            Assert.Equal(Group, fields["chat_id"]!.GetValue<long>());
            Assert.Equal(chart.AltText, fields["caption"]!.GetValue<string>());
            var photo = PhotoFile(fields, files);
            Assert.Equal("checkins-20260302.png", photo.FileName);
            Assert.Equal(chart.Png, photo.Content);
        }

        // In order: the text before, the photo, the text after.
        Assert.Equal(["sendMessage", "sendPhoto", "sendMessage"], api.Calls.Where(c => c.Succeeded && c.Method.StartsWith("send", StringComparison.Ordinal)).Select(c => c.Method));
    }

    [Fact]
    public async Task Digest_now_in_a_group_posts_the_chart_as_a_png_photo()
    {
        await using var api = await FakeBotApi.StartAsync();
        api.MemberStatus[(Group, Ana)] = "administrator";
        await using var bot = await TelegramTestBot.StartAsync(api);
        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/done"));
        await api.WaitForSentAsync(Group, 1);

        await bot.SendAsync(FakeUpdates.GroupText(Group, Ana, "/digest now"));

        var calls = await api.WaitForAsync(calls => calls.Any(c => c.Method == "sendPhoto" && c.Succeeded), what: "sendPhoto");
        var upload = Assert.Single(api.Uploads);
        Assert.Equal(PngSignature, PhotoFile(upload.Fields, upload.Files).Content[..8]);
        Assert.Contains(": 1", upload.Fields["caption"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(calls, c => c.Method == "sendMessage" && c.Text.Contains("Weekly digest", StringComparison.Ordinal));
    }
}
