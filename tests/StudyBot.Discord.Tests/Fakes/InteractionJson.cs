using System.Text.Json.Nodes;

namespace StudyBot.Discord.Tests.Fakes;

/// <summary>Interaction bodies shaped like Discord's, for a guild channel (or a DM).</summary>
public static class InteractionJson
{
    public const string GuildId = "700000000000000001";
    public const string ApplicationId = "800000000000000001";

    /// <summary>Manage Server.</summary>
    public const string AdminPermissions = "32";

    /// <summary>Send Messages, View Channel and the like, but no Manage Server / Administrator.</summary>
    public const string MemberPermissions = "3072";

    private static long _next = 100;

    public static string Ping() => new JsonObject { ["id"] = Id(), ["application_id"] = ApplicationId, ["type"] = 1, ["token"] = "ping-token", ["version"] = 1 }.ToJsonString();

    public static string Command(string name, JsonObject? options = null, Who? who = null)
    {
        var data = new JsonObject { ["id"] = "1", ["name"] = name, ["type"] = 1 };
        if (options is not null)
        {
            var list = new JsonArray();
            foreach (var (key, value) in options)
            {
                var type = value!.GetValueKind() == System.Text.Json.JsonValueKind.Number ? 4 : 3;
                list.Add(new JsonObject { ["name"] = key, ["type"] = type, ["value"] = value.DeepClone() });
            }

            data["options"] = list;
        }

        return Envelope(2, data, who ?? Who.Member).ToJsonString();
    }

    public static string Autocomplete(string name, string option, string typed) =>
        Envelope(4, new JsonObject
        {
            ["id"] = "1",
            ["name"] = name,
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = option, ["type"] = 3, ["value"] = typed, ["focused"] = true }),
        }, Who.Member).ToJsonString();

    public static string Button(string customId, Who? who = null) =>
        Envelope(3, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 }, who ?? Who.Member).ToJsonString();

    /// <summary>A modal submit; <paramref name="labelled"/> uses the newer Label wrapper instead of an action row.</summary>
    public static string ModalSubmit(string customId, string inputId, string value, Who? who = null, bool labelled = false)
    {
        var input = new JsonObject { ["type"] = 4, ["custom_id"] = inputId, ["value"] = value };
        JsonObject row = labelled
            ? new JsonObject { ["type"] = 18, ["component"] = input }
            : new JsonObject { ["type"] = 1, ["components"] = new JsonArray(input) };
        return Envelope(5, new JsonObject { ["custom_id"] = customId, ["components"] = new JsonArray(row) }, who ?? Who.Member).ToJsonString();
    }

    public static JsonObject Envelope(int type, JsonObject data, Who who)
    {
        var id = Id();
        var body = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = ApplicationId,
            ["type"] = type,
            ["data"] = data,
            ["channel_id"] = who.ChannelId,
            ["channel"] = new JsonObject { ["id"] = who.ChannelId, ["name"] = "study-group", ["type"] = who.Dm ? 1 : 0 },
            ["token"] = "token-" + id,
            ["locale"] = who.Locale,
            ["version"] = 1,
        };
        var user = new JsonObject { ["id"] = who.UserId, ["username"] = who.Name, ["global_name"] = who.Name };
        if (who.Dm)
        {
            body["user"] = user;
        }
        else
        {
            body["guild_id"] = GuildId;
            body["guild_locale"] = "en-US";
            body["member"] = new JsonObject { ["user"] = user, ["permissions"] = who.Permissions };
        }

        return body;
    }

    private static string Id() => (900000000000000000 + Interlocked.Increment(ref _next)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Who sends an interaction, and where.</summary>
public sealed record Who(string UserId, string Name, string Permissions, string ChannelId = "600000000000000001", string Locale = "en-US", bool Dm = false)
{
    public static Who Member { get; } = new("500000000000000001", "ana", InteractionJson.MemberPermissions);

    public static Who Admin { get; } = new("500000000000000002", "ben", InteractionJson.AdminPermissions);

    public static Who Chinese { get; } = new("500000000000000003", "李雷", InteractionJson.MemberPermissions, Locale: "zh-CN");
}
