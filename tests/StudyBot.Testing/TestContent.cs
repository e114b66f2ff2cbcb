using System.Globalization;
using StudyBot.Core.Content;

namespace StudyBot.Testing;

/// <summary>
/// Writes a small, valid content tree in the documented format (content/FORMAT.md) so tests do not depend
/// on the real curriculum's wording. Lessons 1..N; the first half in stage "basics", the rest in "advanced".
/// </summary>
public static class TestContent
{
    private static readonly Lazy<ContentCatalog> Default = new(() => Load(Write(6)));

    public static ContentCatalog Catalog => Default.Value;

    public static ContentCatalog Load(string root)
    {
        var result = ContentLoader.Load(root);
        if (!result.IsValid)
        {
            throw new InvalidOperationException("Test content is invalid:\n" + string.Join('\n', result.Errors));
        }

        return result.Catalog!;
    }

    /// <summary>Writes the tree under a new temp folder and returns its content root.</summary>
    public static string Write(int lessons)
    {
        var root = Path.Combine(Path.GetTempPath(), "studybot-content-" + Guid.NewGuid().ToString("N"), "content");
        Directory.CreateDirectory(Path.Combine(root, "lessons"));
        File.WriteAllText(Path.Combine(root, "roadmap.yaml"), Roadmap);
        File.WriteAllText(Path.Combine(root, "sources.yaml"), Sources);
        for (var day = 1; day <= lessons; day++)
        {
            var stage = day <= (lessons + 1) / 2 ? "basics" : "advanced";
            File.WriteAllText(Path.Combine(root, "lessons", $"{day:000}-lesson-{day}.md"), Lesson(day, $"lesson-{day}", stage));
        }

        return root;
    }

    private const string Roadmap = StagesAndFullTrack + """
          - id: short
            title: { en: "Short route", zh: "精简路线" }
            description: { en: "Skips the advanced stage.", zh: "跳过进阶阶段。" }
            skip_stages: [advanced]
            skip_lessons: []
        """;

    /// <summary>The two stages ("basics", "advanced") and the "full" track of a roadmap.yaml; other tracks follow.</summary>
    public const string StagesAndFullTrack = """
        stages:
          - id: basics
            title: { en: "Basics", zh: "基础" }
            summary: { en: "Using LLMs well.", zh: "用好大模型。" }
          - id: advanced
            title: { en: "Advanced", zh: "进阶" }
            summary: { en: "Building with LLMs.", zh: "用大模型构建应用。" }
        tracks:
          - id: full
            title: { en: "Full route", zh: "完整路线" }
            description: { en: "Everything.", zh: "全部内容。" }
            skip_stages: []
            skip_lessons: []

        """;

    private const string Sources = "sources:\n" + AttentionPaperSource + RagPaperSource + """
          - id: some-newsletter
            title: A Weekly Newsletter about RAG
            url: https://example.org/newsletter
            tier: second-hand
            kind: newsletter
            language: en
            topics: [rag, news]
        """;

    /// <summary>The sources.yaml entry of the paper every test lesson cites first.</summary>
    public const string AttentionPaperSource = """
          - id: attention-is-all-you-need
            title: Attention Is All You Need
            url: https://arxiv.org/abs/1706.03762
            tier: first-hand
            kind: paper
            language: en
            topics: [transformer, attention]
            year: 2017
            arxiv: "1706.03762"

        """;

    /// <summary>The sources.yaml entry of the paper every test lesson cites second.</summary>
    public const string RagPaperSource = """
          - id: rag-paper
            title: Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks
            url: https://arxiv.org/abs/2005.11401
            tier: first-hand
            kind: paper
            language: en
            topics: [rag, retrieval]
            year: 2020
            arxiv: "2005.11401"

        """;

    /// <summary>
    /// One lesson file: three multiple-choice questions (correct options 1, 2, 3) and an open question with three
    /// weighted key points, citing the sources "attention-is-all-you-need" and "rag-paper".
    /// </summary>
    public static string Lesson(int day, string id, string stage)
    {
        var d = day.ToString(CultureInfo.InvariantCulture);
        return $$"""
            ---
            id: {{id}}
            day: {{d}}
            stage: {{stage}}
            title: { en: "Lesson {{d}} title", zh: "第{{d}}课标题" }
            objectives:
              - en: "Explain idea {{d}}."
                zh: "解释概念{{d}}。"
              - en: "Use idea {{d}}."
                zh: "使用概念{{d}}。"
            sources:
              - id: attention-is-all-you-need
                read: { en: "Section 3.", zh: "第 3 节。" }
              - id: rag-paper
                read: { en: "Section 2.", zh: "第 2 节。" }
            task:
              en: "Build thing {{d}}."
              zh: "完成任务{{d}}。"
              done_when: { en: "Thing {{d}} runs.", zh: "任务{{d}}可以运行。" }
            quiz:
              multiple_choice:
                - id: q1
                  question: { en: "Day {{d}}: what does attention compute?", zh: "第{{d}}天：注意力计算什么？" }
                  options:
                    - { en: "Weighted sums of values", zh: "值的加权和" }
                    - { en: "Random numbers", zh: "随机数" }
                    - { en: "File hashes", zh: "文件哈希" }
                  correct: 1
                  explanation: { en: "Attention mixes values by weights.", zh: "注意力按权重混合值。" }
                - id: q2
                  question: { en: "What does RAG add to a prompt?", zh: "RAG 给提示词加了什么？" }
                  options:
                    - { en: "Nothing", zh: "什么也没有" }
                    - { en: "Retrieved documents", zh: "检索到的文档" }
                  correct: 2
                  explanation: { en: "Retrieved passages ground the answer.", zh: "检索到的段落为回答提供依据。" }
                - id: q3
                  question: { en: "Which is a first-hand source?", zh: "哪个是一手资料？" }
                  options:
                    - { en: "A short video", zh: "短视频" }
                    - { en: "A repost", zh: "转载" }
                    - { en: "The original paper", zh: "原始论文" }
                  correct: 3
                  explanation: { en: "Papers come from the authors.", zh: "论文出自作者本人。" }
              open:
                id: open
                question: { en: "Why does retrieval help an LLM answer questions?", zh: "为什么检索能帮助大模型回答问题？" }
                reference: { en: "Retrieval supplies up-to-date documents as context, which reduces hallucination and lets the model cite sources.", zh: "检索提供最新的文档作为上下文，减少幻觉，并让模型可以引用来源。" }
                key_points:
                  - id: context
                    weight: 2
                    text: { en: "Retrieved documents are added to the context", zh: "检索到的文档被加入上下文" }
                    aliases: { en: ["documents in the prompt", "adds context"], zh: ["文档放进提示词", "加入上下文"] }
                    source: rag-paper
                  - id: hallucination
                    weight: 1
                    text: { en: "It reduces hallucination", zh: "减少幻觉" }
                    aliases: { en: ["fewer made-up answers", "less hallucination"], zh: ["减少编造", "降低幻觉"] }
                  - id: fresh
                    weight: 1
                    text: { en: "Knowledge can be up to date", zh: "知识可以保持最新" }
                    aliases: { en: ["up-to-date information", "fresh data"], zh: ["最新信息", "最新数据"] }
            ---
            <!-- en -->
            Lesson {{d}} explains **attention** and [retrieval](https://arxiv.org/abs/2005.11401).

            - point one
            - point two

            <!-- zh -->
            第{{d}}课讲解**注意力**与检索。

            """;
    }
}
