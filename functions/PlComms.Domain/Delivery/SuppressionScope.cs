namespace PlComms.Delivery;

/// <summary>What a suppression stops: one stream, or all mail. Wire ids: "all", "surveys", "announcements".</summary>
public enum SuppressionScope
{
    All,
    Surveys,
    Announcements,
}

public static class SuppressionScopes
{
    public static SuppressionScope Of(MessageStream stream) => stream == MessageStream.Surveys ? SuppressionScope.Surveys : SuppressionScope.Announcements;
}
