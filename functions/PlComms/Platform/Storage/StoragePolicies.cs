using Azure.Core.Pipeline;

namespace PlComms.Platform.Storage;

/// <summary>
/// Extra pipeline policies for every table and queue client, registered in DI when needed: the crash trials use it to
/// stop storage at a chosen request, and an operator could add request logging. None are registered by default.
/// </summary>
public sealed class StoragePolicies(params HttpPipelinePolicy[] policies)
{
    public IReadOnlyList<HttpPipelinePolicy> Policies { get; } = policies;
}
