using PlComms.Shared;
using PlComms.WebApp;

namespace PlComms.Messages.Pages;

/// <summary>A message's audience, language, channel and status in the officer's words, for every page that lists messages.</summary>
public static class MessageText
{
    public static string Audience(UiText text, Audience audience) => text["campaigns.audience." + WireName<Audience>.Of(audience)];

    /// <summary>English and Spanish by their UI names; any other language the Azure OpenAI composer wrote by its name.</summary>
    public static string Language(UiText text, MessageLanguage language) =>
        language.Template is { } t ? text["campaigns.language." + WireName<PlComms.Messages.Language>.Of(t)] : language.Name;

    public static string Channel(UiText text, Channel channel) => text["messages.channel." + WireName<Channel>.Of(channel)];

    /// <summary>The one word a list shows: stale beats approved (it cannot be sent), blocked beats draft.</summary>
    public static (string Css, string Words) Status(UiText text, MessageDocument m)
    {
        var key = m.Stale ? "stale" : m.Status == MessageDocument.Approved ? "approved" : m.Guardrails.Passes ? "draft" : "blocked";
        return (key, text["messages.status." + key]);
    }
}
