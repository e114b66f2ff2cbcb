using System.Text.RegularExpressions;
using StudyBot.Core.Sources;
using YamlDotNet.RepresentationModel;

namespace StudyBot.Core.Content.Loading;

/// <summary>
/// sources.yaml as read. <see cref="Tiers"/> has every source id written (tier null when its entry is broken),
/// so lessons are checked against what the author meant, not only against entries that were valid.
/// </summary>
internal sealed record SourcesDraft(IReadOnlyList<Source>? Sources, IReadOnlyDictionary<string, SourceTier?> Tiers);

internal static partial class SourcesReader
{
    private static readonly string[] DocumentFields = ["sources"];
    private static readonly string[] SourceFields = ["id", "title", "url", "tier", "kind", "language", "topics", "year", "arxiv"];

    private static readonly Dictionary<string, SourceTier> TierNames = new(StringComparer.Ordinal)
    {
        ["first-hand"] = SourceTier.FirstHand,
        ["second-hand"] = SourceTier.SecondHand,
    };

    private static readonly Dictionary<string, SourceKind> KindNames =
        Enum.GetValues<SourceKind>().ToDictionary(kind => kind.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private static readonly string[] LanguageNames = ["en", "zh", "multi"];

    public static SourcesDraft? Read(YamlNode root, FileErrors errors)
    {
        if (YamlMap.OpenDocument(root, errors, DocumentFields) is not { } map || map.List("sources") is not { } items)
        {
            return null;
        }

        if (items.Count == 0)
        {
            errors.AtYamlLine(map.KeyLine("sources"), "sources", "must list at least one source");
        }

        var uses = new FirstUses<string>("source id", errors.Sink);
        var tiers = new Dictionary<string, SourceTier?>(StringComparer.Ordinal);
        var sources = new List<Source?>();
        for (var i = 0; i < items.Count; i++)
        {
            if (YamlMap.Open(items[i], $"sources[{i}]", items[i].Start.Line, errors, SourceFields) is not { } entry)
            {
                sources.Add(null);
                continue;
            }

            var id = entry.Id("id");
            var source = ReadSource(entry, id);
            sources.Add(source);
            if (id is not null && uses.Add(entry.Locate("id", id)))
            {
                tiers[id] = source?.Tier;
            }
        }

        return new SourcesDraft(Collected.AllOrNull(sources), tiers);
    }

    private static Source? ReadSource(YamlMap entry, string? id)
    {
        var title = entry.String("title");
        var url = ReadUrl(entry);
        var tier = OneOf(entry, "tier", TierNames.Keys) is { } tierName ? TierNames[tierName] : (SourceTier?)null;
        var kind = OneOf(entry, "kind", KindNames.Keys) is { } kindName ? KindNames[kindName] : (SourceKind?)null;
        var language = OneOf(entry, "language", LanguageNames);
        var topics = ReadTopics(entry);
        var year = entry.Int("year", required: false);
        if (year is < ContentRules.MinYear or > ContentRules.MaxYear)
        {
            entry.Report("year", $"must be a year between {ContentRules.MinYear} and {ContentRules.MaxYear}");
        }

        var arxiv = entry.String("arxiv", required: false);
        CheckArxiv(entry, url, arxiv);
        return id is null || title is null || url is null || tier is not { } t || kind is not { } k || language is null || topics is null
            ? null
            : new Source(id, title, url, t, k, language, topics, year, arxiv);
    }

    private static Uri? ReadUrl(YamlMap entry)
    {
        if (entry.String("url") is not { } text)
        {
            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps && !text.Any(char.IsWhiteSpace))
        {
            return url;
        }

        entry.Report("url", $"'{text}' is not an absolute https:// URL");
        return null;
    }

    private static List<string>? ReadTopics(YamlMap entry)
    {
        if (entry.Strings("topics", nonEmpty: true) is not { } topics)
        {
            return null;
        }

        foreach (var topic in topics.Where(topic => topic.Value.Any(char.IsUpper)))
        {
            entry.Errors.Sink.Add(topic.Error($"'{topic.Value}' must be lowercase"));
        }

        return topics.Select(topic => topic.Value).ToList();
    }

    private static string? OneOf(YamlMap entry, string key, IReadOnlyCollection<string> names)
    {
        if (entry.String(key) is not { } text)
        {
            return null;
        }

        if (names.Contains(text))
        {
            return text;
        }

        entry.Report(key, $"'{text}' is not one of: {string.Join(", ", names)}");
        return null;
    }

    /// <summary>arXiv links carry their id so lessons can cite it; it must be there exactly when the url is arXiv's, and agree with it.</summary>
    private static void CheckArxiv(YamlMap entry, Uri? url, string? arxiv)
    {
        if (url is null)
        {
            return;
        }

        var isArxiv = url.Host == "arxiv.org" || url.Host.EndsWith(".arxiv.org", StringComparison.Ordinal);
        if (!isArxiv)
        {
            if (arxiv is not null)
            {
                entry.Report("arxiv", $"is only for arxiv.org urls, and the url is on {url.Host}");
            }

            return;
        }

        if (ArxivIdIn(url) is not { } idInUrl)
        {
            entry.Report("url", "is an arXiv page but not a paper's (https://arxiv.org/abs/ID)");
        }
        else if (arxiv is null)
        {
            entry.Report("arxiv", $"is required because the url is an arXiv paper: arxiv: \"{idInUrl}\"");
        }
        else if (arxiv != idInUrl && arxiv != Version().Replace(idInUrl, string.Empty))
        {
            entry.Report("arxiv", $"'{arxiv}' does not match the id '{idInUrl}' in the url");
        }
    }

    /// <summary>The paper id in /abs/ID, /pdf/ID(.pdf) or /html/ID, including old-style ids such as cs/0112017.</summary>
    private static string? ArxivIdIn(Uri url)
    {
        var path = url.AbsolutePath.Trim('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || path[..slash] is not ("abs" or "pdf" or "html"))
        {
            return null;
        }

        var id = path[(slash + 1)..];
        id = id.EndsWith(".pdf", StringComparison.Ordinal) ? id[..^4] : id;
        return id.Length == 0 ? null : id;
    }

    [GeneratedRegex(@"v\d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex Version();
}
