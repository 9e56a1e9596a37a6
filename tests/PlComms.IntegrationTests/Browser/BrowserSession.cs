using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace PlComms.IntegrationTests.Browser;

/// <summary>One person's browser: a context of its own and its page, with every request and console message kept.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, string Url, string ResourceType)> _requests = new();
    private readonly ConcurrentQueue<string> _console = new();
    private readonly ConcurrentQueue<string> _pageErrors = new();

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        // Context-wide, so requests from any frame, worker or popup count too.
        context.Request += (_, r) => _requests.Enqueue((r.Method, r.Url, r.ResourceType));
        page.Console += (_, m) => _console.Enqueue($"{m.Type}: {m.Text} ({m.Location})");
        page.PageError += (_, e) => _pageErrors.Enqueue(e);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<(string Method, string Url, string ResourceType)> Requests => [.. _requests];

    public IReadOnlyList<string> ConsoleMessages => [.. _console];

    /// <summary>The POSTs the page made by script (fetch), not by submitting its form.</summary>
    public IReadOnlyList<string> ScriptPosts => [.. _requests.Where(r => r.Method == "POST" && r.ResourceType is "fetch" or "xhr").Select(r => r.Url)];

    /// <summary>
    /// Every request went to the app's own origin (no CDN, font, analytics or other third party), the page's script and
    /// style sheet among them; no console message reports a Content-Security-Policy violation and no script error occurred.
    /// A page the test expects to answer with an error status (a 404 for a deleted record, a 409 for a conflict) names it
    /// in <paramref name="pageStatuses"/>: the browser logs that document's status as an error, and only that is let through.
    /// </summary>
    public void AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(Uri app, params int[] pageStatuses)
    {
        var requests = Requests;
        Assert.NotEmpty(requests);
        var foreign = requests.Where(r => !new Uri(r.Url).GetLeftPart(UriPartial.Authority).Equals(app.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(foreign.Count == 0, "Requests to other origins: " + string.Join(", ", foreign.Select(r => $"{r.Method} {r.Url}")));
        // The listener saw the page's own assets, so an empty "foreign" list means something.
        Assert.Contains(requests, r => r.ResourceType == "stylesheet" && new Uri(r.Url).AbsolutePath is "/api/assets/survey.css" or "/api/assets/app.css");
        var console = ConsoleMessages;
        var violations = console.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Refused to", StringComparison.Ordinal)).ToList();
        Assert.True(violations.Count == 0, "CSP violations: " + string.Join(" | ", violations));
        // The page names its own icon, so not even the browser's /favicon.ico guess may fail.
        var errors = console.Where(m => m.StartsWith("error:", StringComparison.Ordinal))
            .Where(m => !pageStatuses.Any(code => m.Contains($"Failed to load resource: the server responded with a status of {code} ", StringComparison.Ordinal)))
            .ToList();
        Assert.True(errors.Count == 0, "Console errors: " + string.Join(" | ", errors));
        Assert.True(_pageErrors.IsEmpty, "Script errors: " + string.Join(" | ", _pageErrors));
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
