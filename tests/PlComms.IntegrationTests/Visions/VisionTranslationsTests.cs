using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using PlComms.IntegrationTests.Infrastructure;
using PlComms.Visions;
using static PlComms.IntegrationTests.Visions.VisionRequests;

namespace PlComms.IntegrationTests.Visions;

/// <summary>Items' wording in other languages on the wire and in Table Storage.</summary>
[Collection(AppCollection.Name)]
public sealed class VisionTranslationsTests(AppFixture fixture)
{
    private readonly HttpClient _client = fixture.Officer;

    [Fact]
    public async Task Translations_round_trip_under_canonical_tags_and_a_Spanish_message_uses_them()
    {
        var draft = ValidDraft("Translated draft");
        draft["focus"]![1]!["translations"] = new JsonObject { ["ES"] = "estudiantes que aprenden inglés (nuestra lista)" };
        draft["impacts"]!["shortTerm"]![0]!["metricTranslations"] = new JsonObject { ["es"] = "asistencia diaria promedio" };
        draft["shifts"]![0]!["translations"] = new JsonObject
        {
            ["es-MX"] = new JsonObject { ["changes"] = "La forma en que aprenden se adaptará mejor a ellos.", ["staysTheSame"] = "Lo que aprenden se mantiene igual." },
        };

        var (id, _) = await CreateAsync(_client, draft);
        var read = await (await _client.GetAsync($"/api/visions/{id}")).ReadObjectAsync();

        Assert.Equal("estudiantes que aprenden inglés (nuestra lista)", read["focus"]![1]!["translations"]!["es"]!.GetValue<string>());
        Assert.Equal("asistencia diaria promedio", read["impacts"]!["shortTerm"]![0]!["metricTranslations"]!["es"]!.GetValue<string>());
        Assert.Equal("Lo que aprenden se mantiene igual.", read["shifts"]![0]!["translations"]!["es-MX"]!["staysTheSame"]!.GetValue<string>());
        Assert.Null(read["focus"]![0]!["translations"]); // none given: the field is absent

        var generated = await _client.PostAsync($"/api/visions/{id}/messages", ApiAssertions.JsonContent(new JsonObject
        {
            ["audiences"] = new JsonArray("parents"), ["languages"] = new JsonArray("es"), ["channels"] = new JsonArray("email"),
        }));
        var message = (await generated.ReadObjectAsync())["items"]![0]!["message"]!;
        Assert.Equal("La forma en que aprenden se adaptará mejor a ellos.", message["whatChanges"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_vision_stored_before_translations_existed_reads_with_none_and_its_Spanish_messages_name_what_to_translate()
    {
        // A head row and version row exactly as the app wrote them before this field existed.
        var id = Guid.NewGuid().ToString("n");
        var table = new TableClient(fixture.Azurite.ConnectionString, VisionStore.TableName);
        await table.CreateIfNotExistsAsync();
        var now = DateTimeOffset.UtcNow;
        foreach (var rowKey in new[] { $"head|{id}", $"ver|{id}|000001" })
        {
            await table.AddEntityAsync(new TableEntity("district", rowKey)
            {
                ["VisionId"] = id, ["Version"] = 1, ["CreatedAt"] = now, ["UpdatedAt"] = now, ["Title"] = "Old vision", ["Author"] = "Ana",
                ["Focus"] = """[{"category":"achievement-gaps","text":"students in our lowest performing schools"}]""",
                ["ShortTermImpacts"] = """[{"text":"improved attendance","metric":"average daily attendance","priority":1}]""",
                ["LongTermImpacts"] = "[]",
                ["Supports"] = """[{"phase":"planning-and-design","text":"conducting a needs assessment"}]""",
                ["Shifts"] = """[{"changes":"How students learn will change.","staysTheSame":"What students learn stays the same.","audiences":["parents"]}]""",
            });
        }

        var read = await (await _client.GetAsync($"/api/visions/{id}")).ReadObjectAsync();
        Assert.Equal("students in our lowest performing schools", read["focus"]![0]!["text"]!.GetValue<string>());
        Assert.Null(read["focus"]![0]!["translations"]);

        var generated = await _client.PostAsync($"/api/visions/{id}/messages", ApiAssertions.JsonContent(new JsonObject
        {
            ["audiences"] = new JsonArray("parents"), ["languages"] = new JsonArray("es"), ["channels"] = new JsonArray("email"),
        }));
        Assert.Equal(HttpStatusCode.Created, generated.StatusCode);
        var guardrails = (await generated.ReadObjectAsync())["items"]![0]!["guardrails"]!;
        Assert.False(guardrails["passes"]!.GetValue<bool>());
        var suggestions = guardrails["violations"]!.AsArray().Where(v => v!["code"]!.GetValue<string>() == "untranslated").Select(v => v!["suggestion"]!.GetValue<string>()).ToList();
        Assert.Contains("Add a Spanish translation for focus item 1 'students in our lowest performing schools' (focus[0].translations.es in the vision).", suggestions);
        Assert.Contains(suggestions, s => s.Contains("(shifts[0].translations.es in the vision)", StringComparison.Ordinal));
        // "improved attendance" is the catalog's suggestion, which has Spanish of its own.
        Assert.DoesNotContain(suggestions, s => s.Contains("short-term impact 1 '", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_largest_component_with_four_translations_of_every_item_at_its_bounds_round_trips_through_table_storage()
    {
        // Quotes are escaped in the stored JSON, so 24 supports of 300 quotes in five languages are the worst case that fits a
        // request (256 KiB): about 72,000 stored characters, split over three properties of the head and version rows.
        static string Quotes(int length) => new('"', length);
        static JsonObject Four(string text) => new() { ["es"] = text, ["fr"] = text, ["vi"] = text, ["zh-Hant"] = text };
        var draft = new JsonObject
        {
            ["title"] = "Every bound",
            ["author"] = "Team member A",
            ["focus"] = new JsonArray(Enumerable.Range(0, 12).Select(_ => (JsonNode)new JsonObject
            {
                ["category"] = "other", ["text"] = new string('f', 300), ["translations"] = new JsonObject { ["es"] = new string('e', 300), ["fr"] = new string('r', 300) },
            }).ToArray()),
            ["supports"] = new JsonArray(Enumerable.Range(0, 24).Select(_ => (JsonNode)new JsonObject
            {
                ["phase"] = "refining-and-scaling", ["text"] = Quotes(300), ["translations"] = Four(Quotes(300)),
            }).ToArray()),
        };

        var (id, _) = await CreateAsync(_client, draft);

        var read = await (await _client.GetAsync($"/api/visions/{id}")).ReadObjectAsync();
        Assert.Equal(24, read["supports"]!.AsArray().Count);
        Assert.Equal(Quotes(300), read["supports"]![23]!["translations"]!["zh-Hant"]!.GetValue<string>());
        Assert.Equal(new string('r', 300), read["focus"]![11]!["translations"]!["fr"]!.GetValue<string>());
        var version = await (await _client.GetAsync($"/api/visions/{id}/versions/1")).ReadObjectAsync();
        Assert.Equal(Quotes(300), version["supports"]![0]!["text"]!.GetValue<string>());

        var row = await new TableClient(fixture.Azurite.ConnectionString, VisionStore.TableName).GetEntityAsync<TableEntity>("district", $"head|{id}");
        Assert.NotNull(row.Value.GetString("Supports3")); // the component needed three properties
        Assert.Null(row.Value.GetString("Focus2"));
    }
}
