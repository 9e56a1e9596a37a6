namespace PlComms.Shared;

/// <summary>The stakeholder groups a district communicates with (seeds 000 and 002).</summary>
public enum Audience
{
    Parents,
    Teachers,
    Students,
    Community,
    Board,
}
