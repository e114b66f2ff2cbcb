using System.Globalization;
using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Content;

/// <summary>
/// A small valid content tree in a temp folder that a test breaks one edit at a time. Four lessons: days 1, 2
/// and 4 in stage "basics", day 3 in "advanced"; the "quick" track skips "advanced" and lesson-two.
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
        Write(LessonOne, Lesson(1, "lesson-one", "basics"));
        Write(LessonTwo, Lesson(2, "lesson-two", "basics"));
        Write("lessons/003-lesson-three.md", Lesson(3, "lesson-three", "advanced"));
        Write(LessonFour, Lesson(4, "lesson-four", "basics"));
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

    private const string RoadmapYaml = """
        stages:
          - id: basics
            title: { en: "Basics", zh: "基础" }
            summary: { en: "Using models.", zh: "使用模型。" }
          - id: advanced
            title: { en: "Advanced", zh: "进阶" }
            summary: { en: "Building with models.", zh: "用模型构建应用。" }
        tracks:
          - id: full
            title: { en: "Full route", zh: "完整路线" }
            description: { en: "Everything.", zh: "全部内容。" }
            skip_stages: []
            skip_lessons: []
          - id: quick
            title: { en: "Quick route", zh: "快速路线" }
            description: { en: "Skips the advanced stage and lesson two.", zh: "跳过进阶阶段和第二课。" }
            skip_stages: [advanced]
            skip_lessons: [lesson-two]

        """;

    // Catalogue order puts the second-hand "rag" source first, so search ranking is visible.
    private const string SourcesYaml = """
        sources:
          - id: attention-is-all-you-need
            title: Attention Is All You Need
            url: https://arxiv.org/abs/1706.03762
            tier: first-hand
            kind: paper
            language: en
            topics: [transformer, attention]
            year: 2017
            arxiv: "1706.03762"
          - id: rag-weekly
            title: A Weekly Letter
            url: https://example.org/rag-weekly
            tier: second-hand
            kind: newsletter
            language: multi
            topics: [rag, news]
          - id: rag-paper
            title: Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks
            url: https://arxiv.org/abs/2005.11401
            tier: first-hand
            kind: paper
            language: en
            topics: [rag, retrieval]
            year: 2020
            arxiv: "2005.11401"
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

    private static string Lesson(int day, string id, string stage)
    {
        var d = day.ToString(CultureInfo.InvariantCulture);
        return $$"""
            ---
            id: {{id}}
            day: {{d}}
            stage: {{stage}}
            title: { en: "Lesson {{d}}", zh: "第{{d}}课" }
            objectives:
              - en: "Explain attention."
                zh: "解释注意力。"
              - en: "Use retrieval."
                zh: "使用检索。"
            sources:
              - id: attention-is-all-you-need
                read: { en: "Section 3.", zh: "第 3 节。" }
              - id: rag-paper
                read: { en: "Section 2.", zh: "第 2 节。" }
            task:
              en: "Build a tiny retriever."
              zh: "做一个小检索器。"
              done_when: { en: "It answers one question.", zh: "它能回答一个问题。" }
            quiz:
              multiple_choice:
                - id: q1
                  question: { en: "What does attention compute?", zh: "注意力计算什么？" }
                  options:
                    - { en: "Weighted sums of values", zh: "值的加权和" }
                    - { en: "Random numbers", zh: "随机数" }
                  correct: 1
                  explanation: { en: "It mixes values by weight.", zh: "它按权重混合值。" }
                - id: q2
                  question: { en: "What does RAG add to a prompt?", zh: "RAG 给提示词加了什么？" }
                  options:
                    - { en: "Nothing", zh: "什么也没有" }
                    - { en: "Retrieved documents", zh: "检索到的文档" }
                    - { en: "A longer answer", zh: "更长的回答" }
                  correct: 2
                  explanation: { en: "Retrieved passages ground the answer.", zh: "检索到的段落为回答提供依据。" }
                - id: q3
                  question: { en: "Which is first-hand?", zh: "哪个是一手资料？" }
                  options:
                    - { en: "A repost", zh: "转载" }
                    - { en: "The original paper", zh: "原始论文" }
                  correct: 2
                  explanation: { en: "Papers come from the authors.", zh: "论文出自作者本人。" }
              open:
                id: open
                question: { en: "Why does retrieval help?", zh: "为什么检索有帮助？" }
                reference: { en: "It adds fresh documents as context.", zh: "它把最新文档加入上下文。" }
                key_points:
                  - id: context
                    weight: 2
                    text: { en: "Documents go into the context", zh: "文档进入上下文" }
                    aliases: { en: ["adds context"], zh: ["加入上下文"] }
                    source: rag-paper
                  - id: hallucination
                    weight: 1
                    text: { en: "Fewer hallucinations", zh: "减少幻觉" }
                    aliases: { en: ["less made up"], zh: ["减少编造"] }
                  - id: fresh
                    weight: 0.5
                    text: { en: "Knowledge stays current", zh: "知识保持最新" }
                    aliases:
                      en: ["up to date"]
                      zh: ["最新信息"]
            ---
            <!-- en -->

            Lesson {{d}} in **English**.

            <!-- zh -->
            第{{d}}课的中文正文。

            """;
    }
}
