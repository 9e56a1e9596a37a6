using PlComms.Platform.Functions;

namespace PlComms.Platform.Auth;

/// <summary>Marks an endpoint anyone may call (health, survey pages). Everything else under /api needs an officer key.</summary>
public sealed class PublicEndpoint;

/// <summary>
/// Checks the officer API key on every /api request unless the endpoint is marked public.
/// It runs whatever authLevel the Functions host applies, so a wrong function.json cannot expose data;
/// unmatched /api paths are refused too, so routes cannot be probed without a key.
/// </summary>
public sealed class OfficerAuthMiddleware(RequestDelegate next, OfficerKeys keys)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var needsKey = context.Request.Path.StartsWithSegments("/" + FunctionDefinition.RoutePrefix)
            && endpoint?.Metadata.GetMetadata<PublicEndpoint>() is null;

        if (needsKey && !keys.IsValid(context.Request.Headers[OfficerAuthOptions.HeaderName]))
        {
            context.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{OfficerAuthOptions.HeaderName}\"";
            await TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "An officer API key is required.",
                detail: $"Send a valid key in the {OfficerAuthOptions.HeaderName} header.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
