using YamlDotNet.RepresentationModel;

namespace StudyBot.Core.Content.Loading;

/// <summary>
/// Records errors for one file. YAML lines are shifted by <paramref name="yamlLineOffset"/> so that a lesson's
/// front matter, which starts below its opening '---', reports lines of the .md file.
/// </summary>
internal sealed class FileErrors(string file, List<ContentError> sink, int yamlLineOffset = 0)
{
    public string File { get; } = file;

    public List<ContentError> Sink { get; } = sink;

    public FileErrors WithYamlLineOffset(int offset) => new(File, Sink, offset);

    public int FileLine(long yamlLine) => checked((int)yamlLine) + yamlLineOffset;

    public void AtFileLine(int line, string field, string problem) => Sink.Add(new ContentError(File, line, field, problem));

    public void AtYamlLine(long yamlLine, string field, string problem) => AtFileLine(FileLine(yamlLine), field, problem);

    public void At(YamlNode node, string field, string problem) => AtYamlLine(node.Start.Line, field, problem);
}
