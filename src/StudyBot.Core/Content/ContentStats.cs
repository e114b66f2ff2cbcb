using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StudyBot.Core.Sources;

namespace StudyBot.Core.Content;

/// <summary>
/// Coverage figures for the curriculum (`content stats`): lessons per stage, bilingual share, first-hand share
/// of lesson links, quiz counts, and body lengths against the 250–500 word target.
/// </summary>
public sealed partial record ContentStats(
    int Lessons,
    IReadOnlyList<(string StageId, int Lessons)> LessonsPerStage,
    double Bilingual,
    double FirstHandShare,
    int MultipleChoice,
    int Open,
    int SourcesInCatalogue,
    IReadOnlyList<string> BodiesOutsideTarget)
{
    private const int MinWords = 250;
    private const int MaxWords = 500;

    public static ContentStats Of(ContentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var lessons = catalog.Lessons;
        var links = lessons.SelectMany(l => l.Sources).Select(s => catalog.FindSource(s.SourceId)).ToList();
        var firstHand = links.Count(s => s?.Tier == SourceTier.FirstHand);
        var outside = new List<string>();
        foreach (var lesson in lessons)
        {
            var en = EnglishWords(lesson.Body.En);
            var zh = ChineseWords(lesson.Body.Zh);
            if (en is < MinWords or > MaxWords || zh is < MinWords or > MaxWords)
            {
                outside.Add(string.Create(CultureInfo.InvariantCulture, $"day {lesson.Day} {lesson.Id}: en {en} words, zh {zh} words"));
            }
        }

        return new ContentStats(
            lessons.Count,
            lessons.GroupBy(l => l.StageId).Select(g => (g.Key, g.Count())).ToList(),
            lessons.Count == 0 ? 0 : (double)lessons.Count(IsBilingual) / lessons.Count,
            links.Count == 0 ? 0 : (double)firstHand / links.Count,
            lessons.Sum(l => l.Quiz.MultipleChoice.Count),
            lessons.Count,
            catalog.Sources.Count,
            outside);
    }

    /// <summary>Words in an English body (Markdown and code included: they are read too).</summary>
    public static int EnglishWords(string text) => LatinWord().Count(text ?? string.Empty);

    /// <summary>
    /// Chinese has no spaces; 1.6 characters per word is the usual rule of thumb for modern Chinese text, so
    /// CJK characters / 1.6 plus any Latin words (code, terms) gives a comparable count.
    /// </summary>
    public static int ChineseWords(string text)
    {
        text ??= string.Empty;
        var cjk = text.Count(c => c is >= '\u4e00' and <= '\u9fff');
        return (int)Math.Round(cjk / 1.6) + LatinWord().Count(text);
    }

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"lessons: {Lessons}");
        foreach (var (stage, count) in LessonsPerStage)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {stage}: {count}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"bilingual (en + zh): {Bilingual:P0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"first-hand share of lesson links: {FirstHandShare:P0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"quiz: {MultipleChoice} multiple-choice, {Open} open");
        text.AppendLine(CultureInfo.InvariantCulture, $"sources in catalogue: {SourcesInCatalogue}");
        text.AppendLine(CultureInfo.InvariantCulture, $"bodies outside {MinWords}-{MaxWords} words: {BodiesOutsideTarget.Count}");
        foreach (var line in BodiesOutsideTarget)
        {
            text.AppendLine("  " + line);
        }

        text.Append(CultureInfo.InvariantCulture, $$"""{"lessons":{{Lessons}},"bilingual":{{Bilingual:0.###}},"first_hand_share":{{FirstHandShare:0.###}},"mcq":{{MultipleChoice}},"open":{{Open}}}""");
        return text.ToString();
    }

    private static bool IsBilingual(Lesson lesson) =>
        new[] { lesson.Title, lesson.Body, lesson.Task.Description, lesson.Task.DoneWhen }
            .Concat(lesson.Objectives)
            .All(t => !string.IsNullOrWhiteSpace(t.En) && !string.IsNullOrWhiteSpace(t.Zh))
        && ChineseWords(lesson.Body.Zh) > 0 && EnglishWords(lesson.Body.En) > 0;

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9'’\-]*")]
    private static partial Regex LatinWord();
}
