using PlComms.Delivery;

namespace PlComms.IntegrationTests.Delivery;

/// <summary>Batches as the dispatcher will build them: rendered content with the unsubscribe placeholder, opaque ids.</summary>
public static class EmailBatches
{
    public const string SpanishSubject = "¿Qué cambia en la escuela de su hijo? Año escolar 2026–2027";

    public const string SpanishHtml = """
        <html lang="es"><body>
        <h1>Lo que cambia y lo que no cambia</h1>
        <p>Estimadas familias: el aprendizaje personalizado llega a las aulas de noveno grado. Los niños y las niñas
        seguirán aprendiendo lo mismo; cambiará cómo aprenden. ¡Gracias por acompañarnos!</p>
        <p>Cuéntenos qué opina en la encuesta. Pingüino, señal, corazón: ñ á é í ó ú ü ¿ ¡ — «comillas».</p>
        <p><a href="%unsubscribe_url%">Darse de baja de estos correos</a></p>
        </body></html>
        """;

    public const string SpanishText = """
        Lo que cambia y lo que no cambia

        Estimadas familias: el aprendizaje personalizado llega a las aulas de noveno grado. Los niños y las niñas
        seguirán aprendiendo lo mismo; cambiará cómo aprenden. ¡Gracias por acompañarnos!

        Cuéntenos qué opina en la encuesta. Pingüino, señal, corazón: ñ á é í ó ú ü ¿ ¡ — «comillas».

        Darse de baja de estos correos: %unsubscribe_url%
        """;

    public static EmailContent SpanishContent { get; } = new(SpanishSubject, SpanishHtml, SpanishText);

    public static EmailContent EnglishContent { get; } = new(
        "What changes at school this year",
        """<html lang="en"><body><p>Personalized learning comes to ninth grade.</p><p><a href="%unsubscribe_url%">Unsubscribe</a></p></body></html>""",
        "Personalized learning comes to ninth grade.\n\nUnsubscribe: %unsubscribe_url%\n");

    /// <summary>Names exercise what a To header has to cope with: accents, a comma, and none at all.</summary>
    private static readonly string?[] Names = ["José Núñez", null, "Zoë O'Brien, Jr.", "Ana María Pérez"];

    public static EmailRecipient Recipient(int index, string? name = "", string scheme = "https") => new(
        $"dlv-{index:D5}",
        $"familia{index:D5}@example.org",
        name == "" ? Names[(index - 1) % Names.Length] : name,
        // A query with '&' checks the link survives HTML and the header's angle brackets unchanged.
        new Uri($"{scheme}://plcomms.district.example/u?t=tok{index:D5}Zx9_-q&k=k1"));

    public static EmailBatch Spanish(int recipients = 4, MessageStream stream = MessageStream.Surveys) =>
        Batch(recipients, stream, "es", SpanishContent);

    public static EmailBatch English(int recipients = 4, MessageStream stream = MessageStream.Announcements) =>
        Batch(recipients, stream, "en", EnglishContent);

    public static EmailBatch Batch(int recipients, MessageStream stream, string language, EmailContent content) =>
        new($"batch-{Guid.NewGuid():N}", stream, language, content, [.. Enumerable.Range(1, recipients).Select(i => Recipient(i))]);
}
