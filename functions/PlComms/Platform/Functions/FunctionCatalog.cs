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

    public static readonly FunctionDefinition ContactImport = FunctionDefinition.Http("ContactImport", "contacts/import", AuthLevel.Function, "POST");
    public static readonly FunctionDefinition Contacts = FunctionDefinition.Http("Contacts", "contacts", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition Contact = FunctionDefinition.Http("Contact", "contacts/{id}", AuthLevel.Function, "GET", "DELETE");
    public static readonly FunctionDefinition SegmentPreview = FunctionDefinition.Http("SegmentPreview", "segments/preview", AuthLevel.Function, "POST");
    public static readonly FunctionDefinition Suppressions = FunctionDefinition.Http("Suppressions", "suppressions", AuthLevel.Function, "GET", "POST");
    public static readonly FunctionDefinition Suppression = FunctionDefinition.Http("Suppression", "suppressions/{id}", AuthLevel.Function, "DELETE");
    public static readonly FunctionDefinition Campaigns = FunctionDefinition.Http("Campaigns", "campaigns", AuthLevel.Function, "GET", "POST");
    public static readonly FunctionDefinition Campaign = FunctionDefinition.Http("Campaign", "campaigns/{id}", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition CampaignCancel = FunctionDefinition.Http("CampaignCancel", "campaigns/{id}/cancel", AuthLevel.Function, "POST");

    // Anonymous at the host: people's mail clients and SendGrid call these. A signed token (unsubscribe) or an ECDSA
    // signature (webhook) is what lets a request through; the app checks both itself.
    public static readonly FunctionDefinition Unsubscribe = FunctionDefinition.Http("Unsubscribe", "unsubscribe", AuthLevel.Anonymous, "GET", "HEAD", "POST");
    public static readonly FunctionDefinition SendGridEvents = FunctionDefinition.Http("SendGridEvents", "sendgrid/events", AuthLevel.Anonymous, "POST");

    public static readonly FunctionDefinition SurveyQuestions = FunctionDefinition.Http("SurveyQuestions", "survey-questions", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition Surveys = FunctionDefinition.Http("Surveys", "surveys", AuthLevel.Function, "GET", "POST");
    public static readonly FunctionDefinition Survey = FunctionDefinition.Http("Survey", "surveys/{id}", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition SurveyPause = FunctionDefinition.Http("SurveyPause", "surveys/{id}/pause", AuthLevel.Function, "POST");
    public static readonly FunctionDefinition SurveyResume = FunctionDefinition.Http("SurveyResume", "surveys/{id}/resume", AuthLevel.Function, "POST");

    public static readonly FunctionDefinition SurveyResults = FunctionDefinition.Http("SurveyResults", "surveys/{id}/results", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition SurveyResultsCsv = FunctionDefinition.Http("SurveyResultsCsv", "surveys/{id}/results.csv", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition SurveyComments = FunctionDefinition.Http("SurveyComments", "surveys/{id}/comments", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition FollowUpRules = FunctionDefinition.Http("FollowUpRules", "follow-up-rules", AuthLevel.Function, "GET", "POST");
    public static readonly FunctionDefinition FollowUpRule = FunctionDefinition.Http("FollowUpRule", "follow-up-rules/{id}", AuthLevel.Function, "GET", "DELETE");
    public static readonly FunctionDefinition FollowUps = FunctionDefinition.Http("FollowUps", "follow-ups", AuthLevel.Function, "GET");
    public static readonly FunctionDefinition CampaignSchedule = FunctionDefinition.Http("CampaignSchedule", "campaigns/{id}/schedule", AuthLevel.Function, "POST");

    // The OpenAPI document of every route above, for district IT staff who script against the API; behind the officer
    // key like any officer route (the web app serves the same document to a signed-in officer under /app).
    public static readonly FunctionDefinition OpenApiDocument = FunctionDefinition.Http("OpenApiDocument", "openapi/v1.json", AuthLevel.Function, "GET");

    // Anonymous: the page a survey email's links open. The signed token in the path is what lets a request through;
    // GET and HEAD only show the page, a POST records the answers.
    public static readonly FunctionDefinition SurveyPage = FunctionDefinition.Http("SurveyPage", "s/{token}", AuthLevel.Anonymous, "GET", "HEAD", "POST");

    // Anonymous at the host: the officer's web app. Its pages need the session cookie from its sign-in form, which the
    // app checks itself; the host forwards every /app request and the app routes them.
    public static readonly FunctionDefinition WebApp = FunctionDefinition.WebApp("WebApp", "app/{*path}", "GET", "HEAD", "POST");

    // Anonymous: the survey page's own script and style sheet (the CSP allows nothing else).
    public static readonly FunctionDefinition PageAssets = FunctionDefinition.Http("PageAssets", "assets/{file}", AuthLevel.Anonymous, "GET", "HEAD");

    /// <summary>Snapshots the next recipients of a send into batches; one message per planning step.</summary>
    public static readonly FunctionDefinition PlanDelivery = FunctionDefinition.Queue("PlanDelivery", PlComms.Delivery.DeliveryQueues.Plan);

    /// <summary>Sends one batch of up to 1,000 recipients; the host scales these out with the queue's length.</summary>
    public static readonly FunctionDefinition SendBatch = FunctionDefinition.Queue("SendBatch", PlComms.Delivery.DeliveryQueues.Send);

    /// <summary>Counts one wave batch into the survey's results (one message per batch per aggregation round).</summary>
    public static readonly FunctionDefinition AggregateResults = FunctionDefinition.Queue("AggregateResults", PlComms.Results.CountBatchJob.Queue);

    /// <summary>Every minute: starts and merges aggregation rounds of open and newly closed waves.</summary>
    public static readonly FunctionDefinition ResultsRounds = FunctionDefinition.Timer("ResultsRounds", "45 * * * * *");

    /// <summary>Every five minutes: evaluates follow-up rules on waves whose results are final.</summary>
    public static readonly FunctionDefinition EvaluateFollowUps = FunctionDefinition.Timer("EvaluateFollowUps", "50 */5 * * * *");

    /// <summary>Every minute: opens due survey waves, queues due reminders, closes waves whose window ended.</summary>
    public static readonly FunctionDefinition SurveyWaves = FunctionDefinition.Timer("SurveyWaves", "30 * * * * *");

    /// <summary>Every minute: starts due campaigns and re-queues stalled work.</summary>
    public static readonly FunctionDefinition DispatchCampaigns = FunctionDefinition.Timer("DispatchCampaigns", "0 * * * * *");

    /// <summary>Daily at 03:30 UTC: erases contacts past the retention period.</summary>
    public static readonly FunctionDefinition PurgeStaleContacts = FunctionDefinition.Timer("PurgeStaleContacts", "0 30 3 * * *");

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
        ContactImport,
        Contacts,
        Contact,
        SegmentPreview,
        Suppressions,
        Suppression,
        Campaigns,
        Campaign,
        CampaignCancel,
        Unsubscribe,
        SendGridEvents,
        SurveyQuestions,
        Surveys,
        Survey,
        SurveyPause,
        SurveyResume,
        SurveyResults,
        SurveyResultsCsv,
        SurveyComments,
        FollowUpRules,
        FollowUpRule,
        FollowUps,
        CampaignSchedule,
        OpenApiDocument,
        SurveyPage,
        PageAssets,
        WebApp,
        PlanDelivery,
        SendBatch,
        AggregateResults,
        DispatchCampaigns,
        SurveyWaves,
        ResultsRounds,
        EvaluateFollowUps,
        PurgeStaleContacts,
        Heartbeat,
    ];
}
