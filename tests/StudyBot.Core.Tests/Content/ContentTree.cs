using StudyBot.Core.Content;
using StudyBot.Testing;

namespace StudyBot.Core.Tests.Content;

/// <summary>
/// A small valid content tree in a temp folder that a test breaks one edit at a time. Four lessons (the shared
/// <see cref="TestContent.Lesson"/>): days 1, 2 and 4 in stage "basics", day 3 in "advanced"; the "quick" track skips
/// "advanced" and lesson-two. Its own catalogue of sources, so search ranking and source rules can be tested.
/// </summary>
internal sealed class ContentTree : IDisposable
{
    public const string LessonOne = "lessons/001-lesson-one.md";
    public const string LessonTwo = "lessons/002-lesson-two.md";
    public const string LessonFour = "lessons/004-lesson-four.md";
    public const string Roadmap = "roadmap.yaml";
    public const string Sources = "sources.yaml";

    private readonly string _folder;

    private ContentTree()
    {
        _folder = Path.Combine(Path.GetTempPath(), "studybot-content-tests-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(_folder, "content");
        Write(Roadmap, RoadmapYaml);
        Write(Sources, SourcesYaml);
        Write(LessonOne, TestContent.Lesson(1, "lesson-one", "basics"));
        Write(LessonTwo, TestContent.Lesson(2, "lesson-two", "basics"));
        Write("lessons/003-lesson-three.md", TestContent.Lesson(3, "lesson-three", "advanced"));
        Write(LessonFour, TestContent.Lesson(4, "lesson-four", "basics"));
    }

    public string Root { get; }

    public static ContentTree Valid() => new();

    public ContentLoadResult Load() => ContentLoader.Load(Root);

    public void Write(string file, string text)
    {
        var path = Path.Combine(Root, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public string Read(string file) => File.ReadAllText(Path.Combine(Root, file));

    /// <summary>Replaces text that must occur exactly once, so a test cannot silently edit the wrong place.</summary>
    public void Replace(string file, string oldText, string newText)
    {
        var text = Read(file);
        var first = text.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(first >= 0, $"'{oldText}' is not in {file}");
        Assert.True(text.IndexOf(oldText, first + 1, StringComparison.Ordinal) < 0, $"'{oldText}' occurs more than once in {file}");
        Write(file, string.Concat(text.AsSpan(0, first), newText, text.AsSpan(first + oldText.Length)));
    }

    /// <summary>The 1-based number of the first line containing <paramref name="text"/>.</summary>
    public int LineOf(string file, string text)
    {
        var index = Array.FindIndex(Read(file).Split('\n'), line => line.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' is not in {file}");
        return index + 1;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string RoadmapYaml = TestContent.StagesAndFullTrack + """
          - id: quick
            title: { en: "Quick route", zh: "快速路线" }
            description: { en: "Skips the advanced stage and lesson two.", zh: "跳过进阶阶段和第二课。" }
            skip_stages: [advanced]
            skip_lessons: [lesson-two]

        """;

    // Catalogue order puts the second-hand "rag" source first, so search ranking is visible.
    private const string SourcesYaml = "sources:\n" + TestContent.AttentionPaperSource + """
          - id: rag-weekly
            title: A Weekly Letter
            url: https://example.org/rag-weekly
            tier: second-hand
            kind: newsletter
            language: multi
            topics: [rag, news]

        """ + TestContent.RagPaperSource + """
          - id: search-course
            title: A Course on Search
            url: https://example.org/course
            tier: first-hand
            kind: course
            language: zh
            topics: [rag-evaluation, search]
          - id: eval-docs
            title: Ragas documentation
            url: https://docs.ragas.io/
            tier: first-hand
            kind: docs
            language: en
            topics: [evaluation]

        """;
}
