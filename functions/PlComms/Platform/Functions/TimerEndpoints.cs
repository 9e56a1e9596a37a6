using System.Text.Json;

namespace PlComms.Platform.Functions;

/// <summary>
/// The custom-handler invocation protocol for timer functions (<see cref="HostInvocation"/>): the host POSTs to
/// <c>/{FunctionName}</c> with the timer's state under <c>Data.timer</c>.
/// </summary>
public static class TimerEndpoints
{
    public static void MapTimerFunctions(this IEndpointRouteBuilder app)
    {
        foreach (var function in FunctionCatalog.All.Where(f => f.Trigger == TriggerKind.Timer))
        {
            app.MapPost(function.AppPath, (HttpContext http, TimerRunner runner, CancellationToken ct) => InvokeAsync(function, http, runner, ct))
                .WithMetadata(new HostInvocationEndpoint())
                .ExcludeFromDescription();
        }
    }

    private static async Task<IResult> InvokeAsync(FunctionDefinition function, HttpContext http, TimerRunner runner, CancellationToken ct)
    {
        var job = runner.Find(function.Name)
            ?? throw new InvalidOperationException($"Timer function {function.Name} has no registered ITimerJob.");
        var (payload, problem) = await HostInvocation.ReadAsync(http, "Timer", ct);
        if (problem is not null) return problem;

        // "timer" is the trigger binding's name in function.json.
        var isPastDue = payload!["Data"]?["timer"]?["IsPastDue"]?.GetValueKind() == JsonValueKind.True;
        var outcome = await runner.RunAsync(job, "host", isPastDue, ct);
        return HostInvocation.Respond(outcome.Succeeded, outcome.Logs);
    }
}
