namespace PlComms.Delivery;

/// <summary>What a signed link lets its holder do. A token signed for one purpose is refused for the other.</summary>
public enum LinkPurpose
{
    Unsubscribe,
    Survey,
}
