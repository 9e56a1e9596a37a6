using Microsoft.Extensions.Options;
using Polly.Timeout;
using SendGrid;

namespace PlComms.Delivery.Sending.SendGrid;

/// <summary>
/// Sends a batch as one SendGrid v3 mail-send request through the SDK's <see cref="SendGridClient"/> (its
/// <c>MakeRequest</c>, with the request <c>SendEmailAsync</c> would build: <see cref="SendGridMailRequest.Request"/>). The HttpClient
/// comes from <see cref="IHttpClientFactory"/> with <see cref="SendGridResilience"/>'s pipeline, which retries only
/// what SendGrid certainly did not take. Given an HttpClient, the SDK adds no retry handler of its own.
/// </summary>
public sealed class SendGridEmailSender : IEmailSender
{
    public const string SenderName = "sendgrid";
    public const string HttpClientName = "SendGrid";

    /// <summary>SendGrid's limit of personalizations (and of recipients) per request.</summary>
    public const int MaxPersonalizations = 1000;

    private readonly IHttpClientFactory _httpClients;
    private readonly SendGridOptions _options;
    private readonly SendGridClientOptions _clientOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<SendGridEmailSender> _logger;

    public SendGridEmailSender(IHttpClientFactory httpClients, IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridEmailSender> logger)
    {
        _httpClients = httpClients;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _clientOptions = new SendGridClientOptions { ApiKey = _options.ApiKey!.Trim(), Host = _options.Host.Trim() };
    }

    public string Name => SenderName;

    public int MaxRecipientsPerBatch => MaxPersonalizations;

    /// <summary>One batch's whole budget, tries and waits included (SendGrid__BudgetSeconds).</summary>
    public TimeSpan LongestSend => _options.Budget;

    public async Task<SendResult> SendAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        EmailBatchGuard.Check(batch, MaxPersonalizations, requireHttpsUnsubscribe: true);
        var client = new SendGridClient(_httpClients.CreateClient(HttpClientName), _clientOptions);

        // The request SendEmailAsync would make, with its body written in chunks instead of one string (SendGridRequestBody).
        using var request = SendGridMailRequest.Request(SendGridMailRequest.Build(batch, _options), _clientOptions);
        Response response;
        try
        {
            response = await client.MakeRequest(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            // A try under way may have reached SendGrid and been queued; only the event webhook can tell now.
            return Failed(batch, null, mayHaveBeenAccepted: true, e.Timeout == _options.Budget && _options.Budget != _options.Timeout
                ? $"SendGrid did not take the batch within SendGrid__BudgetSeconds ({_options.BudgetSeconds} s); if a try was under way, the batch may or may not have been accepted."
                : $"No answer from SendGrid within SendGrid__TimeoutSeconds ({_options.TimeoutSeconds} s); the batch may or may not have been accepted.");
        }
        catch (HttpRequestException e)
        {
            // The pipeline retried connections that never opened; anything else may have carried the whole request.
            return Failed(batch, null, mayHaveBeenAccepted: !SendGridResilience.NeverSent(e), $"SendGrid could not be reached ({e.HttpRequestError}): {e.Message}");
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            response.Body?.Dispose();
            return SendResult.Accepted(status);
        }

        var body = response.Body is null ? null : await response.Body.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        response.Body?.Dispose();
        var error = SendGridErrorSummary.Summarise(status, body);
        if (SendGridResilience.IsRetryable(response.StatusCode))
        {
            // The pipeline gave up: out of retries, or asked for a wait longer than it may sleep.
            // The wait SendGrid asked for goes back with the result, so the batch is not tried before it is over.
            var asked = SendGridRetryDelay.Asked(response.Headers, _time);
            return Failed(batch, status, mayHaveBeenAccepted: false, asked > _options.MaxRetryDelay
                ? $"{error} (it asked for a wait of {asked.Value.TotalSeconds:0} s, longer than SendGrid__MaxRetryDelaySeconds = {_options.MaxRetryDelaySeconds})"
                : error) with { RetryAfter = asked };
        }

        _logger.LogError("SendGrid refused batch {BatchId} ({Recipients} recipients): {Error}", batch.BatchId, batch.Recipients.Count, error);
        return new SendResult(SendOutcome.Rejected, status, error);
    }

    private SendResult Failed(EmailBatch batch, int? status, bool mayHaveBeenAccepted, string error)
    {
        _logger.LogWarning("SendGrid did not take batch {BatchId} ({Recipients} recipients): {Error}", batch.BatchId, batch.Recipients.Count, error);
        return new SendResult(SendOutcome.Failed, status, error) { MayHaveBeenAccepted = mayHaveBeenAccepted };
    }
}
