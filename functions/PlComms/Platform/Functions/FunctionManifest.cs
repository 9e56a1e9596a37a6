using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlComms.Platform.Functions;

/// <summary>Writes the files the Functions host reads: one <c>&lt;Name&gt;/function.json</c> per function.</summary>
public static class FunctionManifest
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The queue trigger's connection name: the host reads the identity-based settings under this prefix.</summary>
    public const string QueueConnection = "Storage";

    public static JsonObject FunctionJson(FunctionDefinition function) => function.Trigger switch
    {
        TriggerKind.Http => new JsonObject
        {
            ["bindings"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = "req",
                    ["authLevel"] = function.AuthLevel.ToString().ToLowerInvariant(),
                    ["methods"] = new JsonArray(function.Methods.Select(m => (JsonNode)m.ToLowerInvariant()).ToArray()),
                    ["route"] = function.Route,
                },
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
        },
        TriggerKind.Timer => new JsonObject
        {
            ["bindings"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "timerTrigger",
                    ["direction"] = "in",
                    ["name"] = "timer",
                    ["schedule"] = function.Schedule,
                    // A missed run after downtime is made up once; the jobs are idempotent.
                    ["runOnStartup"] = false,
                    ["useMonitor"] = true,
                }),
        },
        TriggerKind.Queue => new JsonObject
        {
            ["bindings"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "queueTrigger",
                    ["direction"] = "in",
                    ["name"] = Queues.QueueEndpoints.BindingName,
                    ["queueName"] = function.QueueName,
                    // Settings prefix "Storage": Storage__queueServiceUri (+ Storage__credential/clientId) in Azure.
                    ["connection"] = QueueConnection,
                }),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(function)),
    };

    /// <summary>Writes every function's folder under <paramref name="outputDirectory"/>; returns the files written.</summary>
    public static IReadOnlyList<string> Write(string outputDirectory, IEnumerable<FunctionDefinition>? functions = null)
    {
        var written = new List<string>();
        foreach (var function in functions ?? FunctionCatalog.All)
        {
            var folder = Path.Combine(outputDirectory, function.Name);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "function.json");
            File.WriteAllText(path, FunctionJson(function).ToJsonString(Indented) + "\n");
            written.Add(path);
        }
        return written;
    }
}
