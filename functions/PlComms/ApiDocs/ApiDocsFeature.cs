using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using PlComms.Delivery;
using PlComms.Platform.Auth;
using PlComms.Platform.Functions;
using PlComms.WebApp;

namespace PlComms.ApiDocs;

/// <summary>
/// The API's OpenAPI document, for district IT staff who script against it. It is generated from the endpoints' own
/// metadata (each feature's <c>*Endpoints.cs</c> names its request body, responses and problems), so it cannot drift
/// from what the app serves. Scripts read it at <c>/api/openapi/v1.json</c> with the officer key like any officer
/// route; a signed-in officer of the web app opens the same document at <see cref="WebAppDocumentPath"/>.
/// </summary>
public static class ApiDocsFeature
{
    public const string DocumentName = "v1";

    /// <summary>The security scheme's name in <c>components.securitySchemes</c>.</summary>
    public const string SecuritySchemeName = "officerApiKey";

    /// <summary>The same document behind the web app's session cookie (the cookie is scoped to <c>/app</c>).</summary>
    public const string WebAppDocumentPath = WebAppFeature.Prefix + "/api/openapi/" + DocumentName + ".json";

    public static string DocumentPath => FunctionCatalog.OpenApiDocument.AppPath;

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o =>
        {
            o.AddDocumentTransformer(DescribeAsync);
            o.AddOperationTransformer(IdentifyAndSecureAsync);
            o.AddSchemaTransformer(PlainNumbersAndOpenProblems);
        });
        return services;
    }

    public static void MapApiDocs(this WebApplication app)
    {
        // Under /api the officer middleware demands the key (the endpoint is not public); under /app, the session.
        app.MapOpenApi(DocumentPath);
        app.MapOpenApi(WebAppDocumentPath).RequireAuthorization();
    }

    /// <summary>The generated document, as the web app's API page reads it.</summary>
    public static Task<OpenApiDocument> GetDocumentAsync(IServiceProvider services, CancellationToken ct) =>
        services.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName).GetOpenApiDocumentAsync(ct);

    /// <summary>The stable operation id: the function's catalog name and the method, e.g. <c>VisionsPost</c>.</summary>
    public static string OperationId(FunctionDefinition function, string method) =>
        function.Name + char.ToUpperInvariant(method[0]) + method[1..].ToLowerInvariant();

    private static Task DescribeAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "PlComms API",
            Version = DocumentName,
            Description =
                "The district's communications backend: visions, audience messages, contacts, campaigns, surveys, results and follow-ups. " +
                $"Every operation except the public ones needs an officer API key in the `{OfficerAuthOptions.HeaderName}` header; " +
                "in Azure the Functions host also wants its function key in `x-functions-key` on those (authLevel function). " +
                "Errors are RFC 7807 `application/problem+json`; a 400 lists every bad field under `errors`. " +
                "Writes to a vision or a message send the `ETag` of the last read in `If-Match`.",
        };
        // Links and scripts use the public address; locally, the local app.
        var baseUrl = context.ApplicationServices.GetRequiredService<IOptions<DeliveryOptions>>().Value.PublicBaseUrl;
        document.Servers = baseUrl is null ? [] : [new OpenApiServer { Url = baseUrl.ToString().TrimEnd('/') }];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecuritySchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = OfficerAuthOptions.HeaderName,
            Description = "An officer API key (`Officer__ApiKeys`): in Azure, the Key Vault secret `Officer-ApiKeys`; " +
                "locally, `.local/officer-api-key`. Several keys may be valid at once while one is rotated.",
        };
        return Task.CompletedTask;
    }

    /// <summary>
    /// Names each operation after its function in the catalog, and marks every operation the officer middleware guards
    /// (all of <c>/api</c> but the endpoints marked <see cref="PublicEndpoint"/>) as needing the key, with its 401.
    /// </summary>
    private static async Task IdentifyAndSecureAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var method = description.HttpMethod ?? "GET";
        if (FunctionCatalog.All.FirstOrDefault(f => f.Trigger == TriggerKind.Http && f.Route == description.RelativePath) is { } function)
            operation.OperationId = OperationId(function, method);

        if (description.ActionDescriptor.EndpointMetadata.OfType<PublicEndpoint>().Any()) return;
        var document = context.Document!;
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecuritySchemeName, document)] = [] }];
        var problem = await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, ct);
        document.AddComponent<IOpenApiSchema>(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), problem);
        operation.Responses ??= new OpenApiResponses();
        operation.Responses["401"] = new OpenApiResponse
        {
            Description = $"The officer API key is missing or wrong (header {OfficerAuthOptions.HeaderName}).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(Microsoft.AspNetCore.Mvc.ProblemDetails), document) },
            },
        };
    }

    /// <summary>
    /// Three corrections to what the generator infers from the app's JSON options. Numbers: the reader also accepts a
    /// number in a string (the web defaults), which the generator writes as <c>["integer","string"]</c> with a pattern;
    /// clients should send numbers and the app always writes numbers, so the document says number. Required: the
    /// generator calls every constructor parameter required, but a nullable one may be left out (requests are
    /// nullable throughout so that validation names a missing field with a 400; responses leave out what is null).
    /// Problems: unknown fields are refused in request bodies, but a problem carries extensions (<c>errors</c>,
    /// <c>violations</c>), so a problem's schema stays open.
    /// </summary>
    private static Task PlainNumbersAndOpenProblems(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        if (schema.Required is { Count: > 0 } required && context.JsonTypeInfo.Kind == System.Text.Json.Serialization.Metadata.JsonTypeInfoKind.Object)
        {
            foreach (var property in context.JsonTypeInfo.Properties.Where(p => p.IsGetNullable || p.IsSetNullable))
                required.Remove(property.Name);
        }
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }
        if (typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
        {
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
        }
        return Task.CompletedTask;
    }
}
