using Azure.Core;
using Azure.Core.Pipeline;

namespace PlComms.IntegrationTests.Campaigns;

/// <summary>
/// Kills an app instance's storage at its Nth write (table insert/update/delete/batch, queue send/update/delete): that
/// request and every later one fail, as if the process had died right there. Reads before the crash pass.
/// </summary>
public sealed class StorageCrash(int crashAtWrite) : HttpPipelinePolicy
{
    private int _writes;
    private volatile bool _armed;

    public bool Crashed { get; private set; }

    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Counting starts here, so setting up the trial does not use up the writes.</summary>
    public void Arm() => _armed = true;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Check(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Check(HttpMessage message)
    {
        if (Crashed) throw new IOException("Injected crash: this instance's storage is gone.");
        if (!_armed || message.Request.Method == RequestMethod.Get || message.Request.Method == RequestMethod.Head) return;
        if (Interlocked.Increment(ref _writes) >= crashAtWrite)
        {
            Crashed = true;
            throw new IOException($"Injected crash at storage write {crashAtWrite}.");
        }
    }
}

/// <summary>The clock of an instance started after a crash, far enough on that every lease the dead one held has run out.</summary>
public sealed class LaterClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
}
