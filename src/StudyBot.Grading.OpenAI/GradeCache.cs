using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StudyBot.Core.Quizzes;

namespace StudyBot.Grading.OpenAI;

/// <summary>
/// LLM grades of identical answers, in memory: keyed by question id, a hash of the rubric (so an edited rubric is
/// graded afresh), model, prompt version and a hash of the normalised answer (the form quotes are checked in, so a
/// cached grade's quotes hold for every answer with the same key). Only grades that came from the model are kept.
/// </summary>
public sealed class GradeCache
{
    /// <summary>Beyond this many entries the cache starts over: simpler than LRU, and a day's answers fit.</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, GradeResult> _grades = new(StringComparer.Ordinal);

    public int Count => _grades.Count;

    public static string Key(OpenQuestion question, string model, string answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        var rubric = Hash(JsonSerializer.Serialize(question));
        return string.Join('|', question.Id, rubric, model, GradingPrompt.Version, Hash(QuoteCheck.Normalize(answer)));
    }

    public bool TryGet(string key, out GradeResult grade) => _grades.TryGetValue(key, out grade!);

    public void Add(string key, GradeResult grade)
    {
        if (_grades.Count >= Capacity)
        {
            _grades.Clear();
        }

        _grades[key] = grade;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
