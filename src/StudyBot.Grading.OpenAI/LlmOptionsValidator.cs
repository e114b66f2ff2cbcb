using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace StudyBot.Grading.OpenAI;

/// <summary>Checks the Llm section; each failure is one line naming the setting (never echoing the key).</summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var failures = Problems(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Binds and checks the section now, so a bad setting stops start-up before anything runs.</summary>
    public static LlmOptions BindAndValidate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new LlmOptions();
        configuration.GetSection(LlmOptions.Section).Bind(options);
        var failures = Problems(options).ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(LlmOptions.Section, typeof(LlmOptions), failures);
        }

        return options;
    }

    public static IEnumerable<string> Problems(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return result.ErrorMessage ?? "Llm: invalid setting.";
        }

        if (!options.IsConfigured)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            yield return "Llm:Model is required when Llm:BaseUrl or Llm:ApiKey is set (e.g. gpt-4o-mini, deepseek-chat, qwen2.5:7b).";
        }

        var baseUrl = options.BaseUrl?.Trim();
        if (!string.IsNullOrEmpty(baseUrl)
            && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && string.IsNullOrEmpty(uri.UserInfo)))
        {
            yield return "Llm:BaseUrl must be an absolute http(s) URL without credentials, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1.";
        }

        if (string.IsNullOrEmpty(baseUrl) && string.IsNullOrWhiteSpace(options.ApiKey))
        {
            yield return "Llm:ApiKey is required for the OpenAI endpoint (or set Llm:BaseUrl to a server that needs none, such as a local Ollama).";
        }
    }
}
