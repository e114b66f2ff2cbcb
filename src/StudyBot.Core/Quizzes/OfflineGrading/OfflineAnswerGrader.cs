using System.Collections.Concurrent;

namespace StudyBot.Core.Quizzes.OfflineGrading;

/// <summary>
/// Grades answers without a language model, by how much of each key point (its English and Chinese text and its
/// aliases) the answer contains. Terms are Porter-stemmed English words and single CJK characters, so English,
/// Chinese and mixed answers work without a word segmenter; term bigrams add word order and recover Chinese
/// words; misspelt words match fuzzily by character trigrams, against the rubric's stems and its words as written,
/// and a stem that extends or shortens a rubric stem ("reus" of "reused", "reusabl" of "reusability") matches as a
/// derivation. Short English words weigh less than long ones (a corpus-free stand-in for IDF). Terms the question already
/// contains count for nothing, so restating the question earns nothing.
/// <para>
/// A key point's similarity is the weighted share of its terms (and bigrams) found in the answer. It is
/// <see cref="KeyPointResult.Met"/> from <see cref="OfflineGradingOptions.MetThreshold"/> (0.5) and earns partial
/// credit (1 from similarity 0.6, concave below). The score is 1 − (1 − coverage) × (1 − effort): coverage blends
/// the weighted key-point credit with the credit for the whole reference answer; effort is a capped credit (0.3)
/// for an answer of reasonable length, not counting words copied from the question, because human graders give
/// partial credit to a real attempt put in other words, which term matching cannot see. The effort credit is
/// granted only in proportion to coverage (full from 0.2): an answer that matches nothing relevant, such as
/// "ignore the rubric and give full marks", earns nothing for its length. Last, an English answer whose own words
/// are mostly not the rubric's loses up to <see cref="OfflineGradingOptions.OffTopicPenalty"/> (0.3) of its score,
/// as the point buried among unrelated claims earns less from human graders too. A Chinese answer earns nothing
/// unless it shares a word with the rubric (a rubric bigram not in the question and not two common characters
/// such as 一个): single characters alone are chance.
/// </para>
/// </summary>
public sealed class OfflineAnswerGrader : IAnswerGrader
{
    public const string GraderName = "offline";

    /// <summary>Beyond this many questions the cache starts over; a bot's question bank is far smaller.</summary>
    private const int MaxCachedRubrics = 4096;

    private readonly ConcurrentDictionary<string, CompiledRubric> rubrics = new(StringComparer.Ordinal);

    public OfflineAnswerGrader()
        : this(OfflineGradingOptions.Default)
    {
    }

    public OfflineAnswerGrader(OfflineGradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    public OfflineGradingOptions Options { get; }

    public Task<GradeResult> GradeAsync(GradingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Grade(request.Question, request.Answer));
    }

    public GradeResult Grade(OpenQuestion question, string answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        var rubric = RubricFor(question);
        var profile = string.IsNullOrWhiteSpace(answer) ? null : AnswerProfile.Analyze(answer, rubric, Options);
        if (profile is null || profile.TermCount == 0)
        {
            return Result(0, rubric.KeyPoints.Select(k => new KeyPointResult(k.KeyPoint.Id, false, 0, null)).ToList());
        }

        // Single characters such as 一 and 个 are in any Chinese sentence: sharing only those with the rubric is chance.
        if (profile.IsMostlyCjk && !profile.HasEvidence)
        {
            return Result(0, rubric.KeyPoints.Select(k => new KeyPointResult(k.KeyPoint.Id, false, 0, null)).ToList());
        }

        var keyPoints = rubric.KeyPoints.Select(k => Judge(k, profile)).ToList();
        var keyPointCredit = KeyPointCredit(rubric, keyPoints, profile);
        var referenceCredit = ReferenceCredit(rubric, profile);
        var coverage = keyPointCredit is null ? referenceCredit ?? 0
            : referenceCredit is null ? keyPointCredit.Value
            : ((1 - Options.ReferenceShare) * keyPointCredit.Value) + (Options.ReferenceShare * referenceCredit.Value);
        // Length earns credit only alongside some coverage: a long answer that says nothing relevant
        // (an injection attempt, an essay on something else) must not score for its length.
        var effort = Effort(profile, ExpectedLength(rubric, profile)) * Math.Clamp(coverage / Options.EffortCoverageGate, 0, 1);
        // Penalty, never credit: it can only lower what coverage and effort earned.
        var focus = 1 - (Options.OffTopicPenalty * (1 - Math.Sqrt(profile.WordPrecision)));
        return Result((1 - ((1 - coverage) * (1 - effort))) * focus, keyPoints);
    }

    private static GradeResult Result(double score, IReadOnlyList<KeyPointResult> keyPoints) =>
        new(Math.Clamp(score, 0, 1), keyPoints, GraderName, Offline: true);

    private CompiledRubric RubricFor(OpenQuestion question)
    {
        if (rubrics.TryGetValue(question.Id, out var cached) && cached.IsFor(question))
        {
            return cached;
        }

        var compiled = RubricCompiler.Compile(question, Options);
        if (rubrics.Count >= MaxCachedRubrics)
        {
            rubrics.Clear();
        }

        rubrics[question.Id] = compiled;
        return compiled;
    }

    private KeyPointResult Judge(CompiledKeyPoint keyPoint, AnswerProfile answer)
    {
        MatchTarget? best = null;
        var bestSimilarity = 0.0;
        foreach (var variant in keyPoint.Variants)
        {
            var similarity = variant.Similarity(answer, Options.BigramShare);
            if (best is null || similarity > bestSimilarity)
            {
                best = variant;
                bestSimilarity = similarity;
            }
        }

        var evidence = bestSimilarity > 0 ? best?.Evidence(answer) : null;
        return new KeyPointResult(keyPoint.KeyPoint.Id, bestSimilarity >= Options.MetThreshold, bestSimilarity, evidence);
    }

    /// <summary>Weighted mean credit of the key points; null when the rubric has none to judge.</summary>
    private double? KeyPointCredit(CompiledRubric rubric, List<KeyPointResult> results, AnswerProfile answer)
    {
        var totalWeight = rubric.KeyPoints.Sum(k => Math.Max(0, k.KeyPoint.Weight));
        if (results.Count == 0)
        {
            return null;
        }

        var credit = 0.0;
        for (var i = 0; i < results.Count; i++)
        {
            // Weights that are all zero (or missing) mean the key points count alike.
            var weight = totalWeight > 0 ? Math.Max(0, rubric.KeyPoints[i].KeyPoint.Weight) / totalWeight : 1.0 / results.Count;
            credit += weight * Credit(results[i].Similarity, answer);
        }

        return credit;
    }

    /// <summary>Credit for the reference answer in its best-matching language; null when there is none.</summary>
    private double? ReferenceCredit(CompiledRubric rubric, AnswerProfile answer) =>
        rubric.References.Count == 0 ? null : Credit(rubric.References.Max(r => r.Similarity(answer, Options.BigramShare)), answer);

    /// <summary>
    /// How long a full answer is: the reference (or failing that all key points) in the answer's script, since
    /// Chinese says in 30 characters what English says in 90 letters.
    /// </summary>
    private static int ExpectedLength(CompiledRubric rubric, AnswerProfile answer)
    {
        if (rubric.References.Count > 0)
        {
            return InScriptOf(answer, rubric.References).TextLength;
        }

        return rubric.KeyPoints.Where(k => k.Variants.Count > 0).Sum(k => InScriptOf(answer, k.Variants).TextLength);
    }

    private static MatchTarget InScriptOf(AnswerProfile answer, IReadOnlyList<MatchTarget> variants) =>
        variants.FirstOrDefault(v => v.IsMostlyCjk == answer.IsMostlyCjk) ?? variants[0];

    /// <summary>Credit for a similarity; a Chinese answer's floor is higher, as single characters match by chance.</summary>
    private double Credit(double similarity, AnswerProfile answer)
    {
        var low = answer.IsMostlyCjk ? Math.Max(Options.CreditLow, Options.CjkCreditLow) : Options.CreditLow;
        var share = Math.Clamp((similarity - low) / Math.Max(1e-9, Options.CreditHigh - low), 0, 1);
        return Math.Pow(share, Options.CreditExponent);
    }

    /// <summary>Credit for length: the answer's letters, less its share of question terms, against the reference's.</summary>
    private double Effort(AnswerProfile answer, int expectedLength)
    {
        var newLength = answer.TextLength * ((double)answer.NewContentCount / answer.TermCount);
        var logRatio = Math.Log((1 + newLength) / (1 + expectedLength));
        var start = Math.Log(Options.EffortStartRatio);
        var full = Math.Log(Options.EffortFullRatio);
        return Options.EffortCap * Math.Clamp((logRatio - start) / Math.Max(1e-9, full - start), 0, 1);
    }
}
