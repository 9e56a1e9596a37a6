using Azure.Data.Tables;

namespace PlComms.Platform.Storage;

/// <summary>
/// Text longer than one table property holds (32K UTF-16 characters) spread over <c>{name}0</c>, <c>{name}1</c>, …
/// with the count in <c>{name}Parts</c>. An entity holds 1 MiB, so about 500K characters fit beside the rest.
/// </summary>
public static class ChunkedText
{
    private const int Chunk = 30_000;

    public const int MaxLength = 450_000;

    public static void Write(TableEntity entity, string name, string text)
    {
        if (text.Length > MaxLength) throw new InvalidOperationException($"{name} is {text.Length} characters; a row holds at most {MaxLength}.");
        var parts = (text.Length + Chunk - 1) / Chunk;
        entity[name + "Parts"] = parts;
        for (var i = 0; i < parts; i++) entity[name + i] = text.Substring(i * Chunk, Math.Min(Chunk, text.Length - i * Chunk));
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetInt32(name + "Parts") is not { } parts) return null;
        return string.Concat(Enumerable.Range(0, parts).Select(i => entity.GetString(name + i) ?? ""));
    }
}
