using System.Reflection;
using System.Text.RegularExpressions;
using PlComms.Platform.Functions;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Platform;

/// <summary>
/// Every table the app's stores name is created by the Bicep and documented in docs/storage.md, and every queue a
/// function listens on is created too (with its poison queue): a new store cannot ship without its infrastructure.
/// </summary>
public sealed partial class StorageInventoryTests
{
    private static readonly string Bicep = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));

    private static IReadOnlyList<string> AppTables() =>
        [.. typeof(PlComms.Platform.PlCommsApp).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string) && (f.Name == "TableName" || f.Name.EndsWith("Table", StringComparison.Ordinal)))
            .Select(f => (string)f!.GetRawConstantValue()!)
            .Distinct()
            .Order()];

    [Fact]
    public void Every_table_the_app_uses_is_in_the_bicep_and_in_storage_md()
    {
        var tables = AppTables();
        Assert.Contains("SurveyResponses", tables);
        Assert.Contains("FollowUps", tables);
        var bicepTables = BicepList("appTableNames");
        // A section heading names each table (one heading may name two: "## `FollowUpRules`, `FollowUps`").
        var headings = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "storage.md")).Where(l => l.StartsWith("## ", StringComparison.Ordinal));
        var documented = headings.SelectMany(h => HeadingPattern().Matches(h).Select(m => m.Groups[1].Value)).ToHashSet();
        Assert.All(tables, t =>
        {
            Assert.True(bicepTables.Contains(t), $"Table {t} is not in infra/main.bicep's appTableNames.");
            Assert.True(documented.Contains(t), $"Table {t} has no section in docs/storage.md.");
        });
        Assert.Equal(tables, bicepTables.Order().ToList());
    }

    [Fact]
    public void Every_queue_a_function_listens_on_is_in_the_bicep_with_its_poison_queue()
    {
        var queues = BicepList("appQueueNames");
        foreach (var queue in FunctionCatalog.All.Where(f => f.QueueName is not null).Select(f => f.QueueName!))
        {
            Assert.Contains(queue, queues);
            Assert.Contains(queue + "-poison", queues);
        }
    }

    private static HashSet<string> BicepList(string variable)
    {
        var match = Regex.Match(Bicep, $"var {variable} = \\[(.*?)\\]", RegexOptions.Singleline);
        Assert.True(match.Success, $"infra/main.bicep has no {variable} list.");
        return [.. Regex.Matches(match.Groups[1].Value, "'([^']+)'").Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex("`([A-Za-z]+)`", RegexOptions.Multiline)]
    private static partial Regex HeadingPattern();
}
