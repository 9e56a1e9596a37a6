namespace PlComms.Messages;

/// <summary>The sections of a structured message (DESIGN.md section 6), plus the contact line.</summary>
public enum MessageSection
{
    Headline,
    WhatChanges,
    WhatStaysTheSame,
    Why,
    WhatItMeansForYou,
    NextStep,
    ContactLine,
}
