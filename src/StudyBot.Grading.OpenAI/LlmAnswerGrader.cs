using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;
using OpenAI.Chat;
using Polly.Timeout;
using StudyBot.Core.Quizzes;
using StudyBot.Core.Quizzes.BackgroundGrading;
using StudyBot.Core.Quizzes.OfflineGrading;

namespace StudyBot.Grading.OpenAI;

/// <summary>
/// Grades open answers with any OpenAI-compatible chat endpoint through the OpenAI SDK. The model only says, per key
/// point, met or not and the exact quote that shows it; <see cref="QuoteCheck"/> refuses quotes that are not in the
/// answer or not about the key point, and our code computes the score from the weights. Output that fails validation
/// gets one retry; after that, or when the endpoint fails (timeouts and 408/429/5xx are retried by the HTTP
/// pipeline first), the offline grader answers and the result says so. Nothing here throws at the learner.
/// </summary>
public sealed partial class LlmAnswerGrader : IBackgroundAnswerGrader, IDisposable
{
    public const string HttpClientName = "StudyBot.Llm";

    private const int MaxOutputTokens = 1200;
    private const int MaxStoredOutput = 8000;

    private readonly ChatClient _chat;
    private readonly LlmOptions _options;
    private readonly OfflineAnswerGrader _offline;
    private readonly QuoteCheck _quotes;
    private readonly GradeCache _cache;
    private readonly SemaphoreSlim _calls;
    private readonly ILogger<LlmAnswerGrader> _logger;
    private volatile bool _jsonSchemaRefused;
    private volatile bool _temperatureRefused;

    public LlmAnswerGrader(IHttpClientFactory httpClients, IOptions<LlmOptions> options, OfflineAnswerGrader offline, GradeCache cache, ILogger<LlmAnswerGrader> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _offline = offline;
        _quotes = new QuoteCheck(offline);
        _cache = cache;
        _logger = logger;
        _calls = new SemaphoreSlim(_options.MaxConcurrentCalls, _options.MaxConcurrentCalls);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = _options.Endpoint,
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName)),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // retries and timeouts live in the HTTP pipeline (LlmHttp)
            NetworkTimeout = LlmHttp.OverallTimeout(_options),
        };

        // Local servers (Ollama, vLLM) need no key, but the SDK wants one: any placeholder will do.
        var key = string.IsNullOrWhiteSpace(_options.ApiKey) ? "no-key" : _options.ApiKey.Trim();
        _chat = new ChatClient(_options.Model, new ApiKeyCredential(key), clientOptions);
    }

    public string Model => _options.Model!;

    public int DailyGradesPerMember => _options.DailyGradesPerMember;

    public async Task<GradeResult> GradeAsync(GradingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = GradeCache.Key(request.Question, Model, request.Answer);
        if (!request.Fresh && _cache.TryGet(key, out var cached))
        {
            return cached with { Audit = (cached.Audit ?? new GradingAudit()) with { Cached = true, Calls = 0, LatencyMs = 0, InputTokens = 0, OutputTokens = 0 } };
        }

        var calls = new CallLog(Model, Stopwatch.StartNew());
        try
        {
            var messages = GradingPrompt.Build(request, GradingPrompt.NewNonce());
            string? problem = null;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                if (problem is not null)
                {
                    messages.Add(new AssistantChatMessage(calls.Outputs[^1]));
                    messages.Add(GradingPrompt.Correction(problem));
                }

                var output = await CallAsync(messages, request.Question, calls, cancellationToken).ConfigureAwait(false);
                var (verdicts, invalid) = GradingSchema.Parse(output, request.Question);
                if (verdicts is not null)
                {
                    var grade = Score(request, verdicts, calls);
                    _cache.Add(key, grade);
                    LogGraded(_logger, Model, grade.Audit!.LatencyMs, calls.Calls, calls.InputTokens, calls.OutputTokens);
                    return grade;
                }

                problem = invalid;
            }

            return Fallback(request, calls, GradingFallback.InvalidOutput, "invalid output twice: " + problem);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Fallback(request, calls, GradingFallback.Unavailable, Describe(ex));
        }
    }

    public void Dispose() => _calls.Dispose();

    /// <summary>One call under the global concurrency cap; learns once if the endpoint refuses json_schema or temperature.</summary>
    private async Task<string> CallAsync(List<ChatMessage> messages, OpenQuestion question, CallLog calls, CancellationToken cancellationToken)
    {
        await _calls.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var negotiation = 0; ; negotiation++)
            {
                var useSchema = _options.ResponseFormat == LlmResponseFormat.JsonSchema && !_jsonSchemaRefused;
                try
                {
                    return await CompleteAsync(messages, question, useSchema, calls, cancellationToken).ConfigureAwait(false);
                }
                catch (ClientResultException ex) when (negotiation < 2 && useSchema && Mentions(ex, "response_format", "json_schema"))
                {
                    _jsonSchemaRefused = true;
                    LogJsonSchemaRefused(_logger, ex.Status);
                }
                catch (ClientResultException ex) when (negotiation < 2 && !_temperatureRefused && Mentions(ex, "temperature"))
                {
                    _temperatureRefused = true; // reasoning models accept only their default temperature
                }
            }
        }
        finally
        {
            _calls.Release();
        }
    }

    private async Task<string> CompleteAsync(List<ChatMessage> messages, OpenQuestion question, bool useSchema, CallLog calls, CancellationToken cancellationToken)
    {
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = MaxOutputTokens,
            ResponseFormat = useSchema
                ? ChatResponseFormat.CreateJsonSchemaFormat(GradingSchema.Name, GradingSchema.For(question), jsonSchemaIsStrict: true)
                : ChatResponseFormat.CreateJsonObjectFormat(),
        };
        if (!_temperatureRefused)
        {
            options.Temperature = 0;
        }

        calls.Calls++;
        calls.ResponseFormat = useSchema ? "json_schema" : "json_object";
        ChatCompletion completion = await _chat.CompleteChatAsync(messages, options, cancellationToken).ConfigureAwait(false);
        calls.InputTokens += completion.Usage?.InputTokenCount ?? 0;
        calls.OutputTokens += completion.Usage?.OutputTokenCount ?? 0;
        var text = string.Concat(completion.Content.Where(p => p.Kind == ChatMessageContentPartKind.Text).Select(p => p.Text));
        if (text.Length == 0 && completion.Refusal is { Length: > 0 } refusal)
        {
            text = refusal; // fails validation like any other non-JSON reply
        }

        calls.Outputs.Add(text.Length <= MaxStoredOutput ? text : text[..MaxStoredOutput]);
        return text;
    }

    private GradeResult Score(GradingRequest request, IReadOnlyList<KeyPointVerdict> verdicts, CallLog calls)
    {
        var answer = QuoteCheck.Normalize(request.Answer);
        var keyPoints = request.Question.KeyPoints;
        var results = new List<KeyPointResult>(keyPoints.Count);
        var rejected = new List<string>();
        for (var i = 0; i < keyPoints.Count; i++)
        {
            var verdict = verdicts[i];
            var refusal = verdict.Met ? _quotes.Refuse(request.Question, keyPoints[i], answer, verdict.Quote) : null;
            if (refusal is not null)
            {
                rejected.Add($"{keyPoints[i].Id}: {refusal}");
            }

            var met = verdict.Met && refusal is null;
            results.Add(new KeyPointResult(keyPoints[i].Id, met, met ? 1 : 0, met ? verdict.Quote : null));
        }

        return new GradeResult(WeightedScore(keyPoints, results), results, Model, Offline: false, calls.Audit() with { Rejected = rejected });
    }

    /// <summary>Share of the key points' weight that is met; weights all zero count alike.</summary>
    internal static double WeightedScore(IReadOnlyList<KeyPoint> keyPoints, IReadOnlyList<KeyPointResult> results)
    {
        if (keyPoints.Count == 0)
        {
            return 0;
        }

        var total = keyPoints.Sum(k => Math.Max(0, k.Weight));
        var met = 0.0;
        for (var i = 0; i < keyPoints.Count; i++)
        {
            if (results[i].Met)
            {
                met += total > 0 ? Math.Max(0, keyPoints[i].Weight) / total : 1.0 / keyPoints.Count;
            }
        }

        return Math.Clamp(met, 0, 1);
    }

    private GradeResult Fallback(GradingRequest request, CallLog calls, GradingFallback reason, string detail)
    {
        LogFallback(_logger, Model, reason, detail);
        return _offline.Grade(request.Question, request.Answer) with
        {
            Grader = GraderNames.OfflineFallback,
            Audit = calls.Audit() with { Fallback = reason, FallbackDetail = detail },
        };
    }

    private static bool Mentions(ClientResultException ex, params string[] words)
    {
        if (ex.Status is not (400 or 422))
        {
            return false;
        }

        var body = ex.GetRawResponse()?.Content?.ToString() ?? string.Empty;
        return words.Any(w => ex.Message.Contains(w, StringComparison.OrdinalIgnoreCase) || body.Contains(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>What failed, for the audit and the log: never the key, never the answer.</summary>
    private static string Describe(Exception ex) => ex switch
    {
        ClientResultException { Status: > 0 } result => $"HTTP {result.Status}",
        TimeoutRejectedException or TimeoutException or OperationCanceledException => "timeout",
        HttpRequestException http => $"connection failed ({http.HttpRequestError})",
        ClientResultException { InnerException: { } inner } => Describe(inner),
        _ => ex.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "Graded by {Model} in {LatencyMs} ms ({Calls} call(s), {InputTokens} + {OutputTokens} tokens)")]
    private static partial void LogGraded(ILogger logger, string model, long latencyMs, int calls, int inputTokens, int outputTokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "LLM grading with {Model} fell back to the offline grader: {Reason} ({Detail})")]
    private static partial void LogFallback(ILogger logger, string model, GradingFallback reason, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "The LLM endpoint refused response_format json_schema (HTTP {Status}); using JSON mode with our own validation")]
    private static partial void LogJsonSchemaRefused(ILogger logger, int status);

    /// <summary>What the calls for one grade cost and returned, for the audit.</summary>
    private sealed class CallLog(string model, Stopwatch watch)
    {
        public int Calls { get; set; }

        public int InputTokens { get; set; }

        public int OutputTokens { get; set; }

        public string? ResponseFormat { get; set; }

        public List<string> Outputs { get; } = [];

        public GradingAudit Audit() => new()
        {
            Model = model,
            PromptVersion = GradingPrompt.Version,
            ResponseFormat = ResponseFormat,
            LatencyMs = watch.ElapsedMilliseconds,
            Calls = Calls,
            InputTokens = InputTokens,
            OutputTokens = OutputTokens,
            RawOutputs = Outputs.ToList(),
        };
    }
}
