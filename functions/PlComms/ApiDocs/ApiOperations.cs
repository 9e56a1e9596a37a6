using Microsoft.OpenApi;

namespace PlComms.ApiDocs;

/// <summary>One operation as the web app's API page lists it.</summary>
public sealed record ApiOperation(string Method, string Path, string OperationId, string? Summary, bool NeedsKey);

/// <summary>The operations of one feature (one tag of the document), with the words key of its name.</summary>
public sealed record ApiOperationGroup(string Tag, string TextKey, IReadOnlyList<ApiOperation> Operations)
{
    public bool NeedsKey => Operations.Any(o => o.NeedsKey);
}

/// <summary>
/// The API page's list, read from the generated OpenAPI document itself, so the page cannot drift from it: operations
/// grouped by their feature's tag, features that need the officer key first, in the order the app maps them.
/// </summary>
public static class ApiOperations
{
    public static IReadOnlyList<ApiOperationGroup> Group(OpenApiDocument document)
    {
        var operations = new List<(string Tag, ApiOperation Operation)>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var tag = operation.Tags?.FirstOrDefault()?.Name ?? "";
                operations.Add((tag, new ApiOperation(method.Method.ToUpperInvariant(), path, operation.OperationId ?? "", operation.Summary,
                    operation.Security is { Count: > 0 })));
            }
        }
        return operations.GroupBy(o => o.Tag)
            .Select(g => new ApiOperationGroup(g.Key, TextKey(g.Key), g.Select(o => o.Operation).ToList()))
            .OrderBy(g => g.NeedsKey ? 0 : 1)
            .ToList();
    }

    /// <summary>The UI text key of a tag's name: <c>Follow-ups</c> is <c>api.tag.follow-ups</c>.</summary>
    public static string TextKey(string tag) => "api.tag." + tag.ToLowerInvariant().Replace(' ', '-');
}
