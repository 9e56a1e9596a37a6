using Azure.Core;
using Azure.Core.Pipeline;

namespace PlComms.IntegrationTests.Infrastructure;

/// <summary>
/// A test's storage pipeline policy that acts on the app's asynchronous calls. The app's only synchronous storage calls
/// are the data-protection key ring's (its interface is synchronous): those pass through; any other fails the test.
/// </summary>
public abstract class AsyncStoragePolicy : HttpPipelinePolicy
{
    public sealed override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!message.Request.Uri.Path.Contains(PlComms.Platform.Auth.TableXmlRepository.TableName, StringComparison.Ordinal) && !message.Request.Uri.Path.EndsWith("/Tables", StringComparison.Ordinal))
            throw new NotSupportedException("The app's storage calls are asynchronous, but for the key ring's.");
        ProcessNext(message, pipeline);
    }
}
