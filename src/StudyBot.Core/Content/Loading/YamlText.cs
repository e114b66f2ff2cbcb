using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace StudyBot.Core.Content.Loading;

/// <summary>Parses one YAML document into the representation model, turning syntax errors into content errors.</summary>
internal static class YamlText
{
    public const string Field = "yaml";

    public static YamlNode? Parse(string text, FileErrors errors)
    {
        var parser = new Parser(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            errors.AtYamlLine(ex.Start.Line, Field, ex.Message);
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet fails this way on an unclosed flow collection ({ … or [ …); the last event read is the best line.
            errors.AtYamlLine(parser.Current?.End.Line ?? 1, Field, "invalid YAML here: is a '{', '[' or quote left unclosed?");
            return null;
        }

        switch (stream.Documents.Count)
        {
            case 0:
                errors.AtYamlLine(1, Field, "is empty");
                return null;
            case > 1:
                errors.At(stream.Documents[1].RootNode, Field, "holds more than one YAML document ('---' line)");
                return null;
            default:
                return stream.Documents[0].RootNode;
        }
    }
}
