using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StudyBot.Core.Content.Loading;

/// <summary>
/// A YAML mapping with a known set of fields. Unknown keys (typos) are reported when it is opened; every
/// getter reports what is missing or malformed under a dotted field path and returns null, so reading goes on.
/// </summary>
internal sealed class YamlMap
{
    private static readonly string[] LanguageFields = ["en", "zh"];

    private readonly YamlMappingNode _node;
    private readonly long _line;

    private YamlMap(YamlMappingNode node, string path, long line, FileErrors errors)
    {
        _node = node;
        _line = line;
        Path = path;
        Errors = errors;
    }

    public string Path { get; }

    public FileErrors Errors { get; }

    /// <summary>Opens <paramref name="node"/>; <paramref name="line"/> is where missing fields are reported (its key's line).</summary>
    public static YamlMap? Open(YamlNode node, string path, long line, FileErrors errors, IReadOnlyCollection<string> fields)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.At(node, FieldName(path), "must be a mapping of fields (key: value)");
            return null;
        }

        foreach (var key in mapping.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !fields.Contains(name))
            {
                errors.At(key, Join(path, key.ToString()), $"unknown field; expected one of: {string.Join(", ", fields)}");
            }
        }

        return new YamlMap(mapping, path, line, errors);
    }

    public static YamlMap? OpenDocument(YamlNode root, FileErrors errors, IReadOnlyCollection<string> fields) =>
        Open(root, string.Empty, 1, errors, fields);

    public string Field(string key) => Join(Path, key);

    /// <summary>The value of <paramref name="key"/>; an empty plain value (<c>key:</c>, <c>~</c>, <c>null</c>) counts as absent.</summary>
    public YamlNode? Find(string key) =>
        _node.Children.TryGetValue(new YamlScalarNode(key), out var value) && !IsNull(value) ? value : null;

    public YamlNode? Required(string key)
    {
        var value = Find(key);
        if (value is null)
        {
            Errors.AtYamlLine(KeyLine(key), Field(key), "is required");
        }

        return value;
    }

    /// <summary>Reports a problem with the value of <paramref name="key"/>.</summary>
    public void Report(string key, string problem) => Errors.AtYamlLine(ValueLine(key), Field(key), problem);

    public Located<T> Locate<T>(string key, T value) =>
        new(value, Errors.File, Errors.FileLine(ValueLine(key)), Field(key));

    public string? String(string key, bool required = true) =>
        (required ? Required(key) : Find(key)) is { } value ? ReadString(value, Field(key), Errors) : null;

    public string? Id(string key, bool required = true) =>
        (required ? Required(key) : Find(key)) is { } value ? ReadId(value, Field(key), Errors) : null;

    public int? Int(string key, bool required = true)
    {
        if ((required ? Required(key) : Find(key)) is not { } value || ReadString(value, Field(key), Errors) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Errors.At(value, Field(key), $"must be a whole number, not '{text}'");
        return null;
    }

    public double? Number(string key)
    {
        if (Required(key) is not { } value || ReadString(value, Field(key), Errors) is not { } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && double.IsFinite(number))
        {
            return number;
        }

        Errors.At(value, Field(key), $"must be a number, not '{text}'");
        return null;
    }

    /// <summary>An <c>{ en, zh }</c> text; <paramref name="maxLength"/> applies to every language.</summary>
    public LocalizedText? Text(string key, int? maxLength = null) =>
        Required(key) is { } value ? ReadText(value, Field(key), KeyLine(key), Errors, maxLength) : null;

    public YamlMap? Map(string key, IReadOnlyCollection<string> fields) =>
        Required(key) is { } value ? Open(value, Field(key), KeyLine(key), Errors, fields) : null;

    /// <summary>The items of a list; an absent optional list is empty.</summary>
    public IReadOnlyList<YamlNode>? List(string key, bool required = true)
    {
        var value = required ? Required(key) : Find(key);
        switch (value)
        {
            case null:
                return required ? null : [];
            case YamlSequenceNode sequence:
                return [.. sequence.Children];
            default:
                Errors.At(value, Field(key), "must be a list");
                return null;
        }
    }

    /// <summary>A list of non-empty strings; null when the list itself is missing or malformed.</summary>
    public IReadOnlyList<Located<string>>? Strings(string key, bool required = true, bool nonEmpty = false)
    {
        if (List(key, required) is not { } items)
        {
            return null;
        }

        if (nonEmpty && items.Count == 0)
        {
            Errors.AtYamlLine(KeyLine(key), Field(key), "must list at least one entry");
        }

        var strings = new List<Located<string>>();
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"{Field(key)}[{i}]";
            if (ReadString(items[i], field, Errors) is { } text)
            {
                strings.Add(new Located<string>(text, Errors.File, Errors.FileLine(items[i].Start.Line), field));
            }
        }

        return strings;
    }

    public long KeyLine(string key) =>
        _node.Children.Keys.FirstOrDefault(k => k is YamlScalarNode { Value: { } name } && name == key)?.Start.Line ?? _line;

    public static string? ReadString(YamlNode node, string field, FileErrors errors)
    {
        if (node is not YamlScalarNode scalar)
        {
            errors.At(node, field, "must be a single value, not a list or mapping");
            return null;
        }

        var text = (scalar.Value ?? string.Empty).Trim();
        if (text.Length == 0 || IsNull(scalar))
        {
            errors.At(node, field, "must not be empty");
            return null;
        }

        return text;
    }

    public static string? ReadId(YamlNode node, string field, FileErrors errors)
    {
        var id = ReadString(node, field, errors);
        if (id is not null && !ContentRules.IsId(id))
        {
            errors.At(node, field, $"'{id}' is not a valid id: {ContentRules.IdHint}");
            return null;
        }

        return id;
    }

    public static LocalizedText? ReadText(YamlNode node, string field, long line, FileErrors errors, int? maxLength = null)
    {
        if (Open(node, field, line, errors, LanguageFields) is not { } map)
        {
            return null;
        }

        var en = map.String("en");
        var zh = map.String("zh");
        if (maxLength is int max)
        {
            map.CheckLength("en", en, max);
            map.CheckLength("zh", zh, max);
        }

        return en is null || zh is null ? null : new LocalizedText(en, zh);
    }

    private void CheckLength(string key, string? text, int max)
    {
        if (text is not null && text.Length > max)
        {
            Report(key, $"is {text.Length} characters long; a Telegram quiz poll allows at most {max}");
        }
    }

    // A single value is reported on its own line; a list or mapping (like a count problem) on its key's line.
    private long ValueLine(string key) => Find(key) is YamlScalarNode value ? value.Start.Line : KeyLine(key);

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string FieldName(string path) => path.Length == 0 ? YamlText.Field : path;
}
