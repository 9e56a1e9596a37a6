using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PlComms.Platform.Auth;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>One officer API operation as the running app maps it, read from its endpoint data source.</summary>
/// <param name="Key">"METHOD /api/route/{param}", as the corpus names it.</param>
/// <param name="BodyTypes">The content types the endpoint declares it accepts (JSON, CSV, zip…); empty for none.</param>
/// <param name="Query">Query parameters of the handler, with their types.</param>
public sealed record OfficerEndpoint(string Key, string Method, string Pattern, IReadOnlyList<string> RouteParameters, IReadOnlyList<string> BodyTypes, Type? BodyType, IReadOnlyList<(string Name, Type Type)> Query)
{
    public bool ReadsJson => BodyTypes.Contains("application/json");

    /// <summary>The path with each route parameter replaced by its value.</summary>
    public string Path(IReadOnlyDictionary<string, string> values) =>
        RouteParameters.Aggregate(Pattern, (path, name) => path.Replace("{" + name + "}", values[name], StringComparison.Ordinal));

    private static readonly Type[] QueryTypes =
        [typeof(string), typeof(string[]), typeof(int), typeof(int?), typeof(bool), typeof(bool?), typeof(double?), typeof(DateTimeOffset?)];

    /// <summary>
    /// Every route and method under /api that needs the officer key. New endpoints appear here by themselves, so the
    /// corpus's completeness check fails until each has its cases.
    /// </summary>
    public static IReadOnlyList<OfficerEndpoint> All(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) && e.Metadata.GetMetadata<PublicEndpoint>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method =>
            {
                var pattern = "/" + e.RoutePattern.RawText!.TrimStart('/');
                var route = e.RoutePattern.Parameters.Select(p => p.Name).ToList();
                var accepts = e.Metadata.GetMetadata<IAcceptsMetadata>();
                var query = e.Metadata.GetOrderedMetadata<IParameterBindingMetadata>()
                    .Where(p => !route.Contains(p.Name, StringComparer.OrdinalIgnoreCase) && QueryTypes.Contains(p.ParameterInfo.ParameterType)
                        && p.ParameterInfo.GetCustomAttribute<Microsoft.AspNetCore.Mvc.FromServicesAttribute>() is null)
                    .Select(p => (p.Name, p.ParameterInfo.ParameterType)).ToList();
                return new OfficerEndpoint($"{method} {pattern}", method, pattern, route, accepts?.ContentTypes ?? [], accepts?.RequestType, query);
            }))
            .OrderBy(e => e.Key, StringComparer.Ordinal)];
}
