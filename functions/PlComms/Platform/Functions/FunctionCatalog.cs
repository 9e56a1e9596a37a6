namespace PlComms.Platform.Functions;

/// <summary>
/// Every function of the app, in one place: name, trigger, route, methods, auth level and schedule.
/// Endpoints are mapped from these definitions and the publish step writes function.json from them;
/// a test proves the two agree.
/// </summary>
public static class FunctionCatalog
{
    // Health is anonymous so load balancers and azd can probe it; it reveals reachability only.
    public static readonly FunctionDefinition Health = FunctionDefinition.Http("Health", "health", AuthLevel.Anonymous, "GET");

    public static readonly FunctionDefinition VisionCatalog = FunctionDefinition.Http("VisionCatalog", "vision-catalog", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition Visions = FunctionDefinition.Http("Visions", "visions", AuthLevel.Function, "GET", "POST");
    public static readonly FunctionDefinition VisionCompare = FunctionDefinition.Http("VisionCompare", "visions/compare", AuthLevel.Function, "POST");
    public static readonly FunctionDefinition Vision = FunctionDefinition.Http("Vision", "visions/{id}", AuthLevel.Function, "GET", "PUT", "DELETE");
    public static readonly FunctionDefinition VisionVersions = FunctionDefinition.Http("VisionVersions", "visions/{id}/versions", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition VisionVersion = FunctionDefinition.Http("VisionVersion", "visions/{id}/versions/{version}", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition VisionStatement = FunctionDefinition.Http("VisionStatement", "visions/{id}/statement", AuthLevel.Function, "GET");

    public static readonly FunctionDefinition VisionMessages = FunctionDefinition.Http("VisionMessages", "visions/{id}/messages", AuthLevel.Function, "GET", "POST");
    public static readonly FunctionDefinition VisionMessage = FunctionDefinition.Http("VisionMessage", "visions/{id}/messages/{messageId}", AuthLevel.Function, "GET", "PUT");
    public static readonly FunctionDefinition VisionMessageEmailPreview = FunctionDefinition.Http("VisionMessageEmailPreview", "visions/{id}/messages/{messageId}/email-preview", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition VisionMessageApprove = FunctionDefinition.Http("VisionMessageApprove", "visions/{id}/messages/{messageId}/approve", AuthLevel.Function, "POST");

    /// <summary>Every five minutes: proves the schedule runs and storage is writable.</summary>
    public static readonly FunctionDefinition Heartbeat = FunctionDefinition.Timer("Heartbeat", "0 */5 * * * *");

    public static IReadOnlyList<FunctionDefinition> All { get; } =
    [
        Health,
        VisionCatalog,
        Visions,
        VisionCompare,
        Vision,
        VisionVersions,
        VisionVersion,
        VisionStatement,
        VisionMessages,
        VisionMessage,
        VisionMessageEmailPreview,
        VisionMessageApprove,
        Heartbeat,
    ];
}
