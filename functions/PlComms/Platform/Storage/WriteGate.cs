namespace PlComms.Platform.Storage;

/// <summary>
/// At most a fixed number of one kind of storage write in flight per instance; the rest wait in arrival order, each for
/// at most <c>maxWait</c>, and then fail as <see cref="StorageBusyException"/> (a retryable 503), having written nothing.
/// </summary>
/// <remarks>
/// For a public write path that everyone hits at once (the survey answers after a wave's emails land). Storage serves a
/// hundred concurrent writes no faster than sixteen, but it serves them in no particular order, so some answers wait far
/// longer than others; waiting here, first come first served, keeps every answer's wait near the average (the
/// ingestion benchmark's p99: about 117 ms ungated, 87 ms through a gate of 16, at the same throughput; docs/benchmarks.md).
/// </remarks>
public sealed class WriteGate(int permits, TimeSpan maxWait)
{
    // SemaphoreSlim hands released slots to asynchronous waiters in the order they began waiting.
    private readonly SemaphoreSlim _slots = new(permits, permits);

    public int Permits { get; } = permits;

    public TimeSpan MaxWait { get; } = maxWait;

    public async Task RunAsync(Func<CancellationToken, Task> write, CancellationToken ct)
    {
        if (!await _slots.WaitAsync(MaxWait, ct))
            throw new StorageBusyException($"{Permits} writes of this kind were already in flight for {MaxWait.TotalSeconds:0.#} s.");
        try
        {
            await write(ct);
        }
        finally
        {
            _slots.Release();
        }
    }
}

/// <summary>A write that was not attempted because storage was already busy with as many as the instance allows.</summary>
public sealed class StorageBusyException(string message) : Exception(message);
