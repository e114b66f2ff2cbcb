using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Content;

public class ContentValidationTests
{
    private const string L1 = ContentTree.LessonOne;
    private const string L2 = ContentTree.LessonTwo;
    private const string L4 = ContentTree.LessonFour;
    private const string Src = ContentTree.Sources;
    private const string Map = ContentTree.Roadmap;

    /// <summary>Each row: one edit to the valid tree, then the file, the line (the first containing the marker), field and problem expected.</summary>
    public static TheoryData<string, string, string, string, string, string> BrokenContent => new()
    {
        // Broken files: the line is where YamlDotNet or the splitter finds the problem, in .md lines for front matter.
        { L1, "day: 1", "day: 1: 2", "day: 1: 2", "yaml", "invalid mapping" },
        { Src, "    kind: newsletter", "   kind: newsletter", "kind: newsletter", "yaml", "did not find expected" },
        { L1, "---\nid: lesson-one", "id: lesson-one", "id: lesson-one", "front matter", "must start with a '---' line" },
        { L1, "---\n<!-- en -->", "<!-- en -->", "---", "front matter", "no closing '---' line" },
        { L1, "<!-- zh -->\n", "", "<!-- en -->", "body", "'<!-- zh -->' is missing" },
        { L1, "第1课讲解**注意力**与检索。", "", "<!-- zh -->", "body.zh", "is empty" },
        { L1, "<!-- en -->", "stray words\n<!-- en -->", "stray words", "body", "belongs to no language" },

        // Shape: unknown and missing fields, empty texts, ids.
        { L1, "objectives:", "objectivs:", "objectivs:", "objectivs", "unknown field" },
        { L1, "      explanation: { en: \"Attention mixes", "      explanaton: { en: \"Attention mixes", "explanaton:", "quiz.multiple_choice[0].explanaton", "unknown field" },
        { L1, "  done_when: { en: \"Thing 1 runs.\", zh: \"任务1可以运行。\" }\n", "", "task:", "task.done_when", "is required" },
        { L1, "zh: \"第1课标题\"", "zh: \"\"", "title:", "title.zh", "must not be empty" },
        { L1, "id: lesson-one", "id: Lesson_One", "id: Lesson_One", "id", "'Lesson_One' is not a valid id" },
        { L1, "day: 1", "day: first", "day: first", "day", "must be a whole number" },

        // Across lessons.
        { L2, "id: lesson-two", "id: lesson-one", "id: lesson-one", "id", "lesson id 'lesson-one' is already used at content/lessons/001-lesson-one.md:2" },
        { L2, "day: 2", "day: 1", "day: 1", "day", "day '1' is already used at content/lessons/001-lesson-one.md:3" },
        { L4, "day: 4", "day: 5", "day: 5", "day", "no lesson has day 4" },

        // References and sources.
        { L1, "stage: basics", "stage: basic", "stage: basic", "stage", "unknown stage 'basic'" },
        { L1, "  - id: rag-paper", "  - id: rag-papers", "- id: rag-papers", "sources[1].id", "unknown source 'rag-papers'" },
        { L1, "  - id: rag-paper", "  - id: rag-weekly", "sources:", "sources", "has 1 first-hand source(s)" },
        { L1, "  - en: \"Use idea 1.\"\n    zh: \"使用概念1。\"\n", "", "objectives:", "objectives", "has 1; a lesson needs 2–4" },

        // Multiple choice, within Telegram's quiz-poll limits in every language.
        { L1, "    - id: q3", "    - idx: q3", "idx: q3", "quiz.multiple_choice[2].idx", "unknown field" },
        { L1, "        - { en: \"Random numbers\", zh: \"随机数\" }\n        - { en: \"File hashes\", zh: \"文件哈希\" }\n", "", "options:", "quiz.multiple_choice[0].options", "has 1; a quiz poll needs 2–10" },
        { L1, "correct: 1", "correct: 4", "correct: 4", "quiz.multiple_choice[0].correct", "is 4 but the options are numbered 1–3" },
        { L1, "zh: \"第1天：注意力计算什么？\"", $"zh: \"{new string('长', 301)}\"", "what does attention", "quiz.multiple_choice[0].question.zh", "is 301 characters long; a Telegram quiz poll allows at most 300" },
        { L1, "en: \"Random numbers\"", $"en: \"{new string('x', 101)}\"", "xxxxx", "quiz.multiple_choice[0].options[1].en", "is 101 characters long; a Telegram quiz poll allows at most 100" },
        { L1, "zh: \"注意力按权重混合值。\"", $"zh: \"{new string('长', 201)}\"", "Attention mixes", "quiz.multiple_choice[0].explanation.zh", "allows at most 200" },
        { L1, "id: q3", "id: q1 # again", "# again", "quiz.multiple_choice[2].id", "question id 'q1' is already used at line 22" },

        // The open question.
        { L1, "id: open", "id: q2 # again", "# again", "quiz.open.id", "question id 'q2' is already used" },
        { L1, "id: fresh", "id: context # again", "# again", "quiz.open.key_points[2].id", "key point id 'context' is already used" },
        { L1, "weight: 1\n        text: { en: \"Knowledge", "weight: 0\n        text: { en: \"Knowledge", "weight: 0", "quiz.open.key_points[2].weight", "must be greater than 0" },
        { L1, "source: rag-paper", "source: rag-weekly", "source: rag-weekly", "quiz.open.key_points[0].source", "not one of this lesson's sources" },
        { L1, "zh: [\"减少编造\", \"降低幻觉\"]", "zh: []", "fewer made-up answers", "quiz.open.key_points[1].aliases.zh", "must list at least one entry" },
        { L1, "aliases: { en: [\"up-to-date information\", \"fresh data\"], zh:", "aliases: { zh:", "aliases: { zh:", "quiz.open.key_points[2].aliases.en", "is required" },

        // sources.yaml.
        { Src, "url: https://example.org/rag-weekly", "url: http://example.org/rag-weekly", "http://example.org", "sources[1].url", "not an absolute https:// URL" },
        { Src, "url: https://docs.ragas.io/", "url: docs.ragas.io", "url: docs.ragas.io", "sources[4].url", "not an absolute https:// URL" },
        { Src, "    arxiv: \"2005.11401\"\n", "", "- id: rag-paper", "sources[2].arxiv", "is required because the url is an arXiv paper" },
        { Src, "arxiv: \"1706.03762\"", "arxiv: \"1706.03763\"", "1706.03763", "sources[0].arxiv", "does not match the id '1706.03762'" },
        { Src, "url: https://example.org/course", "url: https://example.org/course\n    arxiv: \"2005.11401\" # misplaced", "# misplaced", "sources[3].arxiv", "only for arxiv.org urls" },
        { Src, "tier: second-hand", "tier: secondhand", "tier: secondhand", "sources[1].tier", "'secondhand' is not one of: first-hand, second-hand" },
        { Src, "kind: course", "kind: video", "kind: video", "sources[3].kind", "'video' is not one of: paper, docs" },
        { Src, "language: multi", "language: fr", "language: fr", "sources[1].language", "'fr' is not one of: en, zh, multi" },
        { Src, "  - id: eval-docs", "  - id: rag-weekly # again", "# again", "sources[4].id", "source id 'rag-weekly' is already used at line 11" },
        { Src, "topics: [evaluation]", "topics: [Evaluation]", "Evaluation", "sources[4].topics[0]", "must be lowercase" },
        { Src, "year: 2017", "year: 17", "year: 17", "sources[0].year", "must be a year between" },

        // roadmap.yaml.
        { Map, "skip_stages: [advanced]", "skip_stages: [expert]", "expert", "tracks[1].skip_stages[0]", "unknown stage 'expert'" },
        { Map, "skip_lessons: [lesson-two]", "skip_lessons: [lesson-2]", "lesson-2", "tracks[1].skip_lessons[0]", "unknown lesson 'lesson-2'" },
        { Map, "skip_stages: [advanced]", "skip_stages: [basics, advanced]", "- id: quick", "tracks[1]", "skips every lesson" },
        { Map, "  - id: advanced", "  - id: basics # again", "# again", "stages[1].id", "stage id 'basics' is already used at line 2" },
        { Map, "  - id: quick", "  - id: full # again", "# again", "tracks[1].id", "track id 'full' is already used at line 9" },
        { Map, "zh: \"基础\"", "zh: [\"基础\"]", "Basics", "stages[0].title.zh", "must be a single value" },
    };

    [Theory]
    [MemberData(nameof(BrokenContent))]
    public void Each_problem_is_reported_with_file_line_and_field(string file, string oldText, string newText, string lineMarker, string field, string problem)
    {
        using var tree = ContentTree.Valid();
        tree.Replace(file, oldText, newText);

        var result = tree.Load();

        Assert.Null(result.Catalog);
        Assert.False(result.IsValid);
        var expected = $"content/{file}:{tree.LineOf(file, lineMarker)}: {field}: ";
        Assert.True(
            result.Errors.Any(e => e.ToString().StartsWith(expected, StringComparison.Ordinal) && e.Problem.Contains(problem, StringComparison.Ordinal)),
            $"expected '{expected}…{problem}…' among:\n{string.Join('\n', result.Errors)}");
    }

    [Fact]
    public void Errors_print_as_file_line_field_problem()
    {
        using var tree = ContentTree.Valid();
        tree.Replace(L1, "objectives:", "objectivs:");

        var errors = tree.Load().Errors.Select(e => e.ToString()).ToList();

        Assert.Equal(
            [
                "content/lessons/001-lesson-one.md:2: objectives: is required",
                "content/lessons/001-lesson-one.md:6: objectivs: unknown field; expected one of: id, day, stage, title, objectives, sources, task, quiz",
            ],
            errors);
    }

    [Fact]
    public void Every_error_in_every_file_is_reported_in_file_and_line_order()
    {
        using var tree = ContentTree.Valid();
        tree.Replace(Src, "    kind: newsletter", "   kind: newsletter");            // bad YAML: the whole file is unreadable
        tree.Replace(L4, "en: \"Random numbers\"", $"en: \"{new string('x', 101)}\""); // over-long poll option
        tree.Replace(L4, "correct: 1", "correct: 0");                                // out of range
        tree.Replace(L2, "stage: basics", "stage: nowhere");                           // sources.yaml is unreadable, roadmap.yaml is not
        tree.Replace(Map, "skip_stages: [advanced]", "skip_stages: [expert]");
        tree.Replace(L1, "<!-- zh -->\n", string.Empty);

        var result = tree.Load();

        Assert.Null(result.Catalog);
        var lines = result.Errors.Select(e => $"{e.File}:{e.Line}: {e.Field}").ToList();
        Assert.Equal(
            [
                $"content/lessons/001-lesson-one.md:{tree.LineOf(L1, "<!-- en -->")}: body",
                $"content/lessons/002-lesson-two.md:{tree.LineOf(L2, "nowhere")}: stage",
                $"content/lessons/004-lesson-four.md:{tree.LineOf(L4, "xxxxx")}: quiz.multiple_choice[0].options[1].en",
                $"content/lessons/004-lesson-four.md:{tree.LineOf(L4, "correct: 0")}: quiz.multiple_choice[0].correct",
                $"content/roadmap.yaml:{tree.LineOf(Map, "expert")}: tracks[1].skip_stages[0]",
                $"content/sources.yaml:{tree.LineOf(Src, "kind: newsletter")}: yaml",
            ],
            lines);
    }

    [Fact]
    public void Missing_files_are_reported_not_thrown()
    {
        using var tree = ContentTree.Valid();
        File.Delete(Path.Combine(tree.Root, Src));
        Directory.Delete(Path.Combine(tree.Root, "lessons"), recursive: true);

        var result = tree.Load();

        Assert.Equal(["content/lessons:1: lessons: folder not found", "content/sources.yaml:1: file: not found"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void An_unclosed_flow_mapping_is_a_yaml_error_near_its_line()
    {
        using var tree = ContentTree.Valid();
        tree.Replace(L1, "title: { en: \"Lesson 1 title\", zh: \"第1课标题\" }", "title: { en: \"Lesson 1 title\", zh: \"第1课标题\"");

        var error = Assert.Single(tree.Load().Errors, e => e.File.EndsWith(L1, StringComparison.Ordinal));

        Assert.Equal(("content/lessons/001-lesson-one.md", "yaml"), (error.File, error.Field));
        Assert.InRange(error.Line, tree.LineOf(L1, "title:"), tree.LineOf(L1, "objectives:") + 1);
    }
}
