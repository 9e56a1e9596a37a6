using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PlComms.Messages.AzureOpenAi;

/// <summary>
/// What the model writes: the six sections of DESIGN.md section 6. The contact line is not among
/// them: it is the district's own configuration, so it comes from the request, never from the model.
/// </summary>
internal sealed record ModelMessage(
    string Headline,
    IReadOnlyList<string> WhatChanges,
    IReadOnlyList<string> WhatStaysTheSame,
    string Why,
    string WhatItMeansForYou,
    string NextStep,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ModelLabels? Labels = null)
{
    public const string SchemaName = "structured_message";

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        // The schema is strict, so anything else is a different answer, not a sloppy one.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        PropertyNameCaseInsensitive = false,
    };

    // The repair round quotes the answer back to the model, not into HTML: keep "á" and "'" as they are.
    private static readonly JsonSerializerOptions Compact = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The strict JSON schema sent as the response format: every property required, nothing else
    /// allowed (structured outputs accept only that shape in strict mode).
    /// </summary>
    public static BinaryData Schema { get; } = BinaryData.FromString(new JsonObject
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["headline"] = Text("One line that names what the message is about. It is also the email subject."),
            ["whatChanges"] = List("What changes for this audience: the given items, in the given order."),
            ["whatStaysTheSame"] = List("What stays the same for this audience: the given items, in the given order."),
            ["why"] = Text("Why the district is doing this, from the vision's focus and impacts."),
            ["whatItMeansForYou"] = Text("What it means for this audience, from the audience notes and the vision."),
            ["nextStep"] = Text("One short call to action."),
        },
        ["required"] = new JsonArray("headline", "whatChanges", "whatStaysTheSame", "why", "whatItMeansForYou", "nextStep"),
        ["additionalProperties"] = false,
    }.ToJsonString());

    /// <summary>
    /// The schema for a language the project has no headings of its own for: the same sections and the five headings
    /// email and newsletter renderings show, in the message's language.
    /// </summary>
    public static BinaryData SchemaWithLabels { get; } = BinaryData.FromString(new JsonObject
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["headline"] = Text("One line that names what the message is about. It is also the email subject."),
            ["whatChanges"] = List("What changes for this audience: the given items, in the given order."),
            ["whatStaysTheSame"] = List("What stays the same for this audience: the given items, in the given order."),
            ["why"] = Text("Why the district is doing this, from the vision's focus and impacts."),
            ["whatItMeansForYou"] = Text("What it means for this audience, from the audience notes and the vision."),
            ["nextStep"] = Text("One short call to action."),
            ["labels"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "The section headings, in the message's language.",
                ["properties"] = new JsonObject
                {
                    ["whatChanges"] = Text("Heading for what changes."),
                    ["whatStaysTheSame"] = Text("Heading for what stays the same."),
                    ["why"] = Text("Heading for why."),
                    ["whatItMeansForYou"] = Text("Heading for what it means for this audience."),
                    ["nextStep"] = Text("Heading for the next step."),
                },
                ["required"] = new JsonArray("whatChanges", "whatStaysTheSame", "why", "whatItMeansForYou", "nextStep"),
                ["additionalProperties"] = false,
            },
        },
        ["required"] = new JsonArray("headline", "whatChanges", "whatStaysTheSame", "why", "whatItMeansForYou", "nextStep", "labels"),
        ["additionalProperties"] = false,
    }.ToJsonString());

    private static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };

    private static JsonObject List(string description) =>
        new() { ["type"] = "array", ["description"] = description, ["items"] = new JsonObject { ["type"] = "string" } };

    /// <summary>Reads the model's answer; a message naming what is wrong when it is not this schema.</summary>
    public static bool TryParse(string? json, out ModelMessage? message, out string error)
    {
        message = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            error = "the answer is empty";
            return false;
        }
        try
        {
            var parsed = JsonSerializer.Deserialize<ModelMessage>(json, Strict);
            if (parsed is null)
            {
                error = "the answer is JSON null";
                return false;
            }
            if (parsed.WhatChanges.Contains(null!) || parsed.WhatStaysTheSame.Contains(null!))
            {
                error = "a list item is null";
                return false;
            }
            message = parsed;
            error = "";
            return true;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>The JSON the model answered with, as the repair round quotes it back.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Compact);
}

/// <summary>Section headings the model writes for a language the project has none of its own for.</summary>
internal sealed record ModelLabels(string WhatChanges, string WhatStaysTheSame, string Why, string WhatItMeansForYou, string NextStep);

/// <summary>The translation step's answer: one text per item id asked for.</summary>
internal sealed record ModelTranslations(IReadOnlyList<ModelTranslation> Items)
{
    public const string SchemaName = "item_translations";

    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        PropertyNameCaseInsensitive = false,
    };

    public static BinaryData Schema { get; } = BinaryData.FromString(new JsonObject
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            ["items"] = new JsonObject
            {
                ["type"] = "array",
                ["description"] = "One translation per item given, with the item's id.",
                ["items"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["id"] = new JsonObject { ["type"] = "string", ["description"] = "The item's id, as given." },
                        ["text"] = new JsonObject { ["type"] = "string", ["description"] = "The item in the target language." },
                    },
                    ["required"] = new JsonArray("id", "text"),
                    ["additionalProperties"] = false,
                },
            },
        },
        ["required"] = new JsonArray("items"),
        ["additionalProperties"] = false,
    }.ToJsonString());

    public static bool TryParse(string? json, out ModelTranslations? translations, out string error)
    {
        translations = null;
        if (string.IsNullOrWhiteSpace(json)) { error = "the answer is empty"; return false; }
        try
        {
            translations = JsonSerializer.Deserialize<ModelTranslations>(json, Strict);
            error = translations is null ? "the answer is JSON null" : "";
            return translations is not null;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

internal sealed record ModelTranslation(string Id, string Text);
