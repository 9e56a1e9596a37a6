namespace PlComms.Surveys;

/// <summary>
/// Nobody gets more than one survey email per throttle period across all surveys. The wave a person was last emailed
/// for is exempt: its own reminders (and a retried send of the same batch) still go out. Anything else, another
/// survey's wave or the next wave of the same survey, waits until the period since the last survey email has passed.
/// </summary>
public static class SurveyThrottle
{
    public static bool Allows(DateTimeOffset? lastSentAt, string? lastWaveId, string waveId, TimeSpan throttle, DateTimeOffset now) =>
        lastSentAt is not { } last || string.Equals(lastWaveId, waveId, StringComparison.Ordinal) || now - last >= throttle;
}
