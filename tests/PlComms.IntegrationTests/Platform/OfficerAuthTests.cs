using System.Net;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Platform.Auth;
using PlComms.Platform.Functions;

namespace PlComms.IntegrationTests.Platform;

[Collection(AppCollection.Name)]
public sealed class OfficerAuthTests(AppFixture fixture)
{
    /// <summary>Every officer route and method the running app serves, read from its endpoint data source.</summary>
    private IReadOnlyList<(string Method, string Path)> OfficerRoutes()
    {
        var routes = new List<(string, string)>();
        foreach (var endpoint in fixture.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal) || endpoint.Metadata.GetMetadata<PublicEndpoint>() is not null) continue;
            var path = string.Join('/', pattern.Split('/').Select(s => s.StartsWith('{') ? "1" : s));
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                routes.Add((method, path));
        }
        return routes;
    }

    [Fact]
    public void The_app_has_officer_routes_to_check()
    {
        // Guards the test below from passing vacuously if route discovery broke.
        Assert.True(OfficerRoutes().Count >= 10, $"Found only {OfficerRoutes().Count} officer routes.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-0123456789abcdefghijkl")]
    [InlineData("")]
    public async Task Every_officer_route_rejects_a_missing_or_wrong_key_with_401(string? key)
    {
        var failures = new List<string>();
        foreach (var (method, path) in OfficerRoutes())
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            if (key is not null) request.Headers.TryAddWithoutValidation(OfficerAuthOptions.HeaderName, key);
            var response = await fixture.Anonymous.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                failures.Add($"{method} {path}: {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, "Not rejected: " + string.Join("; ", failures));
    }

    [Fact]
    public async Task An_unknown_api_path_without_a_key_is_401_not_404()
    {
        await (await fixture.Anonymous.GetAsync("/api/secret-report")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_is_public()
    {
        var response = await fixture.Anonymous.GetAsync(FunctionCatalog.Health.AppPath);
        var body = await response.ReadObjectAsync();
        Assert.Equal("healthy", body["status"]!.GetValue<string>());
        Assert.True(body["storage"]!["reachable"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_right_key_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Officer.GetAsync("/api/vision-catalog")).StatusCode);
    }
}
