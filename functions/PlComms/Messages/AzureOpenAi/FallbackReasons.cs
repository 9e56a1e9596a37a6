namespace PlComms.Messages.AzureOpenAi;

/// <summary>
/// Why the Azure OpenAI composer fell back to the template. <see cref="ComposedMessage.FallbackReason"/>
/// is one of these codes, then ": " and a short detail for people ("rate-limited: HTTP 429 after 2 retries").
/// Clients and dashboards key on the code, so the codes never change meaning.
/// </summary>
public static class FallbackReasons
{
    /// <summary>No usable answer within <see cref="AzureOpenAiOptions.TimeoutSeconds"/>.</summary>
    public const string Timeout = "timeout";

    /// <summary>HTTP 429 still, after the client's retries, or a wait longer than the timeout asked for.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>Azure's content filter blocked the prompt or the answer, or the model refused.</summary>
    public const string ContentFilter = "content-filter";

    /// <summary>The answer was not JSON of the message schema (or was cut off).</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>Blocking guardrail violations remained after the repair round.</summary>
    public const string Guardrails = "guardrails";

    /// <summary>The service could not be reached or answered with an error: transport, authentication, 5xx, other 4xx.</summary>
    public const string Unavailable = "unavailable";

    public static string Format(string code, string detail)
    {
        const int maxDetail = 300;
        detail = detail.ReplaceLineEndings(" ").Trim();
        if (detail.Length > maxDetail) detail = detail[..maxDetail] + "…";
        return detail.Length == 0 ? code : $"{code}: {detail}";
    }

    /// <summary>The code part of a formatted reason.</summary>
    public static string CodeOf(string reason) => reason.Split(':', 2)[0];
}
