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
    /// <summary>
    /// Where the API lives: every API route starts with it. host.json's <c>extensions.http.routePrefix</c> is empty, so
    /// the host serves the officer's web app under <c>/app</c> too; the API's prefix is part of each route instead.
    /// </summary>
    public const string RoutePrefix = "api";

    /// <summary>host.json's <c>extensions.http.routePrefix</c>: none, so routes are written whole.</summary>
    public const string HostRoutePrefix = "";

    /// <summary>An API function: <paramref name="route"/> is below <c>/api</c>.</summary>
    public static FunctionDefinition Http(string name, string route, AuthLevel authLevel, params string[] methods) =>
        new(name, TriggerKind.Http, $"{RoutePrefix}/{route}", methods, authLevel, null);

    /// <summary>The officer's web app: one function the host forwards every <c>/app</c> request to; the app routes its pages itself.</summary>
    public static FunctionDefinition WebApp(string name, string route, params string[] methods) =>
        new(name, TriggerKind.Http, route, methods, AuthLevel.Anonymous, null);

    public static FunctionDefinition Timer(string name, string schedule) =>
        new(name, TriggerKind.Timer, null, ["POST"], AuthLevel.Function, schedule);

    /// <summary>A function the host invokes once per message on <paramref name="queueName"/>.</summary>
    public static FunctionDefinition Queue(string name, string queueName) =>
        new(name, TriggerKind.Queue, null, ["POST"], AuthLevel.Function, null, queueName);

    /// <summary>
    /// The path the app serves: <c>/{route}</c> for HTTP functions (forwarded unchanged by the host; API routes start
    /// with <c>api/</c>), <c>/{Name}</c> for timer and queue functions (the host POSTs invocations there).
    /// </summary>
    public string AppPath => Trigger == TriggerKind.Http ? $"/{Route}" : $"/{Name}";
}
