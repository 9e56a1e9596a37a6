using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace PlComms.IntegrationTests.Hostile;

/// <summary>
/// The bad-input corpus against every officer operation (<see cref="ApiCorpus"/>): each case a 4xx RFC 7807 problem,
/// none a 5xx, and nothing written (every table and queue compared before and after each operation's cases). The
/// operations are read from the running app, so a new one fails the completeness test until the corpus describes it.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class ApiBadInputTests(HostileFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void The_corpus_describes_every_officer_operation_each_json_body_and_each_query_parameter()
    {
        var endpoints = OfficerEndpoint.All(fixture.Services);
        Assert.True(endpoints.Count >= 40, $"Only {endpoints.Count} officer operations: did discovery break?");
        Assert.Equal(endpoints.Select(e => e.Key).Order(StringComparer.Ordinal), ApiCorpus.Operations.Keys.Order(StringComparer.Ordinal));
        foreach (var endpoint in endpoints)
        {
            var operation = ApiCorpus.Operations[endpoint.Key];
            Assert.True(endpoint.ReadsJson == operation.Body is not null, $"{endpoint.Key}: reads JSON: {endpoint.ReadsJson}, but the corpus {(operation.Body is null ? "has no" : "has a")} sample body.");
            Assert.True(endpoint.Method is "GET" or "DELETE" || endpoint.BodyTypes.Count > 0 || endpoint.RouteParameters.Count > 0,
                $"{endpoint.Key} reads no declared body and has no route parameter: what input does it take?");
            foreach (var (name, type) in endpoint.Query.Where(q => q.Type == typeof(string) || q.Type == typeof(string[])))
            {
                Assert.True((operation.FreeText ?? []).Contains(name) || (operation.BadQueries ?? []).Any(q => q.StartsWith(name + "=", StringComparison.Ordinal) || q.Contains("&" + name + "=", StringComparison.Ordinal)),
                    $"{endpoint.Key}: the query parameter '{name}' has no bad values in the corpus and is not declared free text.");
            }
        }
    }

    [Fact]
    public async Task Every_sample_body_of_the_corpus_is_accepted_so_the_cases_made_from_it_are_bad_only_by_their_change()
    {
        var seeds = await CorpusSeeds.MakeAsync(fixture);
        var now = fixture.Clock.GetUtcNow();
        var failures = new List<string>();
        foreach (var endpoint in OfficerEndpoint.All(fixture.Services).Where(e => e.ReadsJson))
        {
            var operation = ApiCorpus.Operations[endpoint.Key];
            var path = endpoint.Path(operation.Route(seeds));
            var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path) { Content = ApiCorpus.Json(operation.Body!(seeds, now).ToJsonString()) };
            if (operation.IfMatch is not null)
            {
                // The resource's current revision: an earlier sample (the message's edit) may have moved it on.
                var current = await fixture.Officer.GetAsync(path.EndsWith("/approve", StringComparison.Ordinal) ? path[..^"/approve".Length] : path);
                request.Headers.TryAddWithoutValidation("If-Match", current.Headers.ETag!.Tag);
            }
            using var response = await fixture.Officer.SendAsync(request);
            if (!response.IsSuccessStatusCode) failures.Add($"{endpoint.Key} → {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Assert.True(failures.Count == 0, "Sample bodies refused: " + string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_bad_request_to_every_officer_operation_is_a_4xx_problem_and_writes_nothing()
    {
        var seeds = await fixture.OnceAsync(CorpusSeeds.MakeAsync);
        var now = fixture.Clock.GetUtcNow();
        var endpoints = OfficerEndpoint.All(fixture.Services);
        var clock = Stopwatch.StartNew();
        var before = await fixture.SettledSnapshotAsync();
        var failures = new List<string>();
        var total = 0;
        var retried = 0;
        foreach (var endpoint in endpoints)
        {
            var cases = ApiCorpus.Cases(endpoint, ApiCorpus.Operations[endpoint.Key], seeds, now);
            total += cases.Count;
            var answers = await HostileFixture.InParallelAsync(cases, 8, async c =>
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var response = await fixture.Officer.SendAsync(c.Build());
                        var body = await response.Content.ReadAsStringAsync();
                        return (Case: c, Status: (int)response.StatusCode, Type: response.Content.Headers.ContentType?.MediaType, Body: body);
                    }
                    catch (HttpRequestException) when (attempt == 1)
                    {
                        Interlocked.Increment(ref retried);
                        // A pooled connection the server closed after refusing an over-large body; the case goes again
                        // on a fresh one (a server that failed the request itself fails it again).
                    }
                    catch (HttpRequestException ex)
                    {
                        return (Case: c, Status: 0, Type: (string?)null, Body: "no answer: " + ex.InnerException?.Message);
                    }
                }
            });
            foreach (var (c, status, type, body) in answers)
            {
                if (status is < 400 or >= 500 || type != "application/problem+json")
                    failures.Add($"{c} → {status} {type}: {body[..Math.Min(200, body.Length)]}");
                else if (status == 400 && c.ExpectField is { } field && !NamesField(body, field))
                    failures.Add($"{c} → 400 without an error for '{field}': {body[..Math.Min(300, body.Length)]}");
            }
            // Anything a refused request queued shows as a message, or as what the poller made of it.
            var after = await fixture.SnapshotAsync();
            var changes = after.Since(before);
            if (changes.Count > 0) failures.Add($"{endpoint.Key}: its cases wrote to storage:\n{StorageSnapshot.Describe(changes)}");
            before = after;
        }
        output.WriteLine($"{total} cases against {endpoints.Count} operations in {clock.Elapsed.TotalSeconds:0.0} s ({retried} sent again on a fresh connection).");
        Assert.True(failures.Count == 0, $"{failures.Count} of {total} cases failed:\n" + string.Join("\n", failures.Take(60)));
        Assert.True(total >= 1_000, $"Only {total} cases.");
    }

    /// <summary>The problem's errors name the field, a field inside it, or the list it belongs to.</summary>
    private static bool NamesField(string body, string field)
    {
        var errors = JsonNode.Parse(body)?["errors"]?.AsObject();
        if (errors is null) return false;
        var parent = field.Contains('.') ? field[..field.LastIndexOf('.')] : null;
        return errors.Any(e => e.Key == field || e.Key.StartsWith(field + ".", StringComparison.Ordinal) || e.Key.StartsWith(field + "[", StringComparison.Ordinal)
            || (parent is not null && e.Key == parent));
    }
}
