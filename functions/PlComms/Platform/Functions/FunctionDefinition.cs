namespace PlComms.Platform.Functions;

public enum TriggerKind
{
    Http,
    Timer,
    Queue,
}

/// <summary>The Functions host's authLevel. The app checks officer credentials itself whatever this says.</summary>
public enum AuthLevel
{
    Anonymous,
    Function,
}

/// <summary>
/// What the Functions host needs to know about one function. The publish step writes
/// <c>&lt;Name&gt;/function.json</c> from it, and the app maps its endpoints from the same values.
/// </summary>
public sealed record FunctionDefinition(
    string Name,
    TriggerKind Trigger,
    string? Route,
    IReadOnlyList<string> Methods,
    AuthLevel AuthLevel,
    string? Schedule,
    string? QueueName = null)
{
    /// <summary>host.json's <c>extensions.http.routePrefix</c>; the host forwards requests with the prefix intact.</summary>
    public const string RoutePrefix = "api";

    public static FunctionDefinition Http(string name, string route, AuthLevel authLevel, params string[] methods) =>
        new(name, TriggerKind.Http, route, methods, authLevel, null);

    public static FunctionDefinition Timer(string name, string schedule) =>
        new(name, TriggerKind.Timer, null, ["POST"], AuthLevel.Function, schedule);

    /// <summary>A function the host invokes once per message on <paramref name="queueName"/>.</summary>
    public static FunctionDefinition Queue(string name, string queueName) =>
        new(name, TriggerKind.Queue, null, ["POST"], AuthLevel.Function, null, queueName);

    /// <summary>
    /// The path the app serves: <c>/api/{route}</c> for HTTP functions (forwarded unchanged by the host),
    /// <c>/{Name}</c> for timer and queue functions (the host POSTs invocations there).
    /// </summary>
    public string AppPath => Trigger == TriggerKind.Http ? $"/{RoutePrefix}/{Route}" : $"/{Name}";
}
