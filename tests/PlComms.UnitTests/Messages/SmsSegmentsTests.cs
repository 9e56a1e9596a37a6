using PlComms.Messages;

namespace PlComms.UnitTests.Messages;

public class SmsSegmentsTests
{
    [Fact]
    public void The_GSM_default_alphabet_has_127_characters_besides_the_escape_and_the_extension_table_10()
    {
        var all = Enumerable.Range(0, 0x10000).Select(i => (char)i).ToList();
        Assert.Equal(127, all.Count(SmsSegments.IsBasicGsm7));
        Assert.Equal(10, all.Count(SmsSegments.IsExtensionGsm7));
    }

    [Theory]
    [InlineData("Hello, parents! Questions? Call 555-0100.")]
    [InlineData("¿Preguntas? Hable con el maestro de su niño: é ñ ü ¡ Ç à")]
    public void Text_within_the_default_alphabet_is_GSM7(string text) => Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Measure(text).Encoding);

    [Theory]
    [InlineData("Más información")]   // á and ó are not in GSM 03.38 (é is)
    [InlineData("It’s here")]         // curly apostrophe
    [InlineData("«quoted»")]
    [InlineData("Great news 🎉")]
    public void One_character_outside_GSM7_switches_the_whole_message_to_UCS2(string text) =>
        Assert.Equal(SmsEncoding.Ucs2, SmsSegments.Measure(text).Encoding);

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void GSM7_fits_160_in_one_segment_and_153_per_part_after(int length, int segments)
    {
        var sms = SmsSegments.Measure(new string('a', length));
        Assert.Equal((SmsEncoding.Gsm7, length, segments), (sms.Encoding, sms.Units, sms.Segments));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void UCS2_fits_70_in_one_segment_and_67_per_part_after(int length, int segments)
    {
        var sms = SmsSegments.Measure(new string('á', length));
        Assert.Equal((SmsEncoding.Ucs2, length, segments), (sms.Encoding, sms.Units, sms.Segments));
    }

    [Fact]
    public void Extension_table_characters_count_two_septets()
    {
        Assert.Equal(2, SmsSegments.Measure("€").Units);
        Assert.Equal(1, SmsSegments.Measure(new string('€', 80)).Segments);
        Assert.Equal(2, SmsSegments.Measure(new string('€', 80) + "a").Segments);
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Measure("{[|]}~^\\").Encoding);
    }

    [Fact]
    public void An_emoji_outside_the_basic_plane_takes_two_UCS2_units() => Assert.Equal(2, SmsSegments.Measure("🎉").Units);
}
