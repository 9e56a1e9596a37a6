using System.Collections.Frozen;

namespace PlComms.Messages;

public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit default alphabet: 160 septets in one segment.</summary>
    Gsm7,
    /// <summary>UCS-2 (UTF-16 code units): 70 in one segment.</summary>
    Ucs2,
}

/// <param name="Units">Septets for GSM-7 (an extension-table character takes two), UTF-16 code units for UCS-2.</param>
public sealed record SmsLength(SmsEncoding Encoding, int Units, int Segments, int SingleSegmentLimit);

/// <summary>
/// SMS length as a handset and carrier count it (3GPP TS 23.038). A message is sent in GSM-7 when
/// every character is in the default alphabet or its extension table; one character outside it
/// (for example "á", "í", "ó", "ú", "«" or a curly quote) switches the whole message to UCS-2.
/// Concatenated messages lose room to the user-data header: 153 septets or 67 UCS-2 units a part.
/// </summary>
public static class SmsSegments
{
    public const int Gsm7Single = 160;
    public const int Gsm7PerPart = 153;
    public const int Ucs2Single = 70;
    public const int Ucs2PerPart = 67;

    /// <summary>The GSM 03.38 default alphabet, in code order 0x00–0x7F (0x1B, the escape to the extension table, is left out).</summary>
    private const string BasicTable =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ" + "ÆæßÉ" +
        " !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
        "¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>The extension table: each costs an escape septet plus its own.</summary>
    private const string ExtensionTable = "\f^{}\\[~]|€";

    private static readonly FrozenSet<char> Basic = BasicTable.ToFrozenSet();
    private static readonly FrozenSet<char> Extension = ExtensionTable.ToFrozenSet();

    public static bool IsBasicGsm7(char c) => Basic.Contains(c);

    public static bool IsExtensionGsm7(char c) => Extension.Contains(c);

    public static bool IsGsm7(string text) => text.All(c => Basic.Contains(c) || Extension.Contains(c));

    public static SmsLength Measure(string text)
    {
        if (IsGsm7(text))
        {
            var septets = text.Sum(c => Extension.Contains(c) ? 2 : 1);
            return new SmsLength(SmsEncoding.Gsm7, septets, Segments(septets, Gsm7Single, Gsm7PerPart), Gsm7Single);
        }
        return new SmsLength(SmsEncoding.Ucs2, text.Length, Segments(text.Length, Ucs2Single, Ucs2PerPart), Ucs2Single);
    }

    private static int Segments(int units, int single, int perPart) =>
        units == 0 ? 1 : units <= single ? 1 : (units + perPart - 1) / perPart;
}
