using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Net.Http.Headers;
using StudyBot.Core.Commands;
using StudyBot.Core.Delivery;
using StudyBot.Core.Digests;
using StudyBot.Core.Localization;
using StudyBot.Core.Persistence;
using StudyBot.Discord.Delivery;
using StudyBot.Discord.Rendering;
using StudyBot.Discord.Tests.Fakes;

namespace StudyBot.Discord.Tests.Digests;

/// <summary>The digest's chart on Discord: a multipart upload (payload_json + files[0]) shown in an embed as attachment://name.</summary>
public sealed class DigestAttachmentTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ImageBlock Chart() => CheckInChart.Render(new DateOnly(2026, 3, 2), [1, 0, 2, 3, 0, 0, 1], Language.En);

    /// <summary>The parts of a multipart/form-data request: name → (file name, bytes).</summary>
    private static async Task<Dictionary<string, (string? FileName, byte[] Content)>> PartsAsync(RecordedRequest request)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.Headers["Content-Type"]).Boundary).Value!;
        var reader = new MultipartReader(boundary, new MemoryStream(request.RawBody));
        var parts = new Dictionary<string, (string? FileName, byte[] Content)>(StringComparer.Ordinal);
        while (await reader.ReadNextSectionAsync() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            using var content = new MemoryStream();
            await section.Body.CopyToAsync(content);
            parts[HeaderUtilities.RemoveQuotes(disposition.Name).Value!] = (HeaderUtilities.RemoveQuotes(disposition.FileName).Value, content.ToArray());
        }

        return parts;
    }

    [Fact]
    public void The_image_closes_its_embed_and_the_message_carries_the_file()
    {
        var chart = Chart();
        var reply = new ReplyBuilder().Heading("📰 Weekly digest").Paragraph("7 check-ins.").Block(chart).Paragraph("Next week: day 3").Build();

        var message = Assert.Single(ReplyRenderer.Render(reply, Language.En));

        Assert.Equal(2, message.Embeds!.Count);
        Assert.Equal("📰 Weekly digest", message.Embeds[0].Title);
        Assert.Equal("attachment://checkins-20260302.png", message.Embeds[0].Image!.Url);
        Assert.Null(message.Embeds[1].Image);
        var file = Assert.Single(message.Files!);
        Assert.Same(chart.Png, file.Content);
        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal((0, "checkins-20260302.png"), (attachment.Id, attachment.Filename));
    }

    [Fact]
    public async Task A_digest_posted_to_a_channel_uploads_the_png_as_files_0()
    {
        await using var fixture = await RestClientFixture.StartAsync();
        fixture.Discord.Script(new ScriptedResponse("/messages", 500, """{"message":"oops","code":0}"""));
        var sender = new DiscordChatSender(fixture.Client, new RecentInteractions(TimeProvider.System), NullLogger<DiscordChatSender>.Instance);
        var chart = Chart();

        var result = await new ChatSenders([sender]).SendAsync(
            new ChatRef(Platform.Discord, "600000000000000001", ChatKind.Group, "study"), null,
            new ReplyBuilder().Heading("📰 Weekly digest").Block(chart).Build(), CancellationToken.None);

        // POST is not retried on 500 by the client (not idempotent): the delivery job retries the whole send later.
        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        result = await new ChatSenders([sender]).SendAsync(
            new ChatRef(Platform.Discord, "600000000000000001", ChatKind.Group, "study"), null,
            new ReplyBuilder().Heading("📰 Weekly digest").Block(chart).Build(), CancellationToken.None);
        Assert.True(result.Delivered);

        var posts = fixture.Discord.RequestsTo("channels/600000000000000001/messages");
        Assert.Equal(2, posts.Count);
        foreach (var post in posts)
        {
            Assert.StartsWith("multipart/form-data", post.Headers["Content-Type"], StringComparison.Ordinal);
            var parts = await PartsAsync(post);
            var payload = JsonNode.Parse(parts["payload_json"].Content)!;
            Assert.Equal("attachment://checkins-20260302.png", payload["embeds"]![0]!["image"]!["url"]!.GetValue<string>());
            Assert.Equal("checkins-20260302.png", payload["attachments"]![0]!["filename"]!.GetValue<string>());
            Assert.Equal(0, payload["attachments"]![0]!["id"]!.GetValue<int>());
            Assert.Null(payload["files"]);
            Assert.Equal("checkins-20260302.png", parts["files[0]"].FileName);
            Assert.Equal(chart.Png, parts["files[0]"].Content);
            Assert.Equal(PngSignature, parts["files[0]"].Content[..8]);
        }
    }

    [Fact]
    public async Task Digest_now_as_a_slash_command_defers_then_edits_the_original_with_the_upload()
    {
        await using var bot = await DiscordBotHost.StartAsync();
        var json = InteractionJson.Command("digest", new JsonObject { ["arguments"] = "now" }, Who.Admin);

        var (status, body) = await bot.PostAsync(json);

        Assert.Equal(200, status);
        Assert.Equal(5, body!["type"]!.GetValue<int>()); // deferred: an upload cannot ride in the JSON answer
        var token = JsonNode.Parse(json)!["token"]!.GetValue<string>();
        var edit = (await bot.Discord.WaitForAsync(r => r.Method == "PATCH" && r.Path.Contains("/" + token + "/", StringComparison.Ordinal)))[0];
        var parts = await PartsAsync(edit);
        Assert.Equal(PngSignature, parts["files[0]"].Content[..8]);
        Assert.Contains("attachment://checkins-", JsonNode.Parse(parts["payload_json"].Content)!.ToJsonString(), StringComparison.Ordinal);
    }
}
