using PlComms.Contacts;

namespace PlComms.UnitTests.Contacts;

public class LanguageTagsTests
{
    [Theory]
    [InlineData("en", "en")]
    [InlineData("EN", "en")]
    [InlineData("ES-mx", "es-MX")]
    [InlineData("zh-hant-tw", "zh-Hant-TW")]
    [InlineData(" es-419 ", "es-419")]
    [InlineData("sr-latn", "sr-Latn")]
    [InlineData("de-CH-1996", "de-CH-1996")]
    [InlineData("sl-ROZAJ-BISKE", "sl-rozaj-biske")]
    [InlineData("zh-yue-HK", "zh-yue-HK")]
    [InlineData("haw", "haw")]
    [InlineData("en-US-u-CA-gregory", "en-US-u-ca-gregory")]
    [InlineData("en-x-PIRATE", "en-x-pirate")]
    [InlineData("X-Klingon", "x-klingon")]
    [InlineData("I-KLINGON", "i-klingon")]
    [InlineData("en-gb-OED", "en-GB-oed")]
    public void Well_formed_tags_come_back_in_canonical_case(string value, string expected)
    {
        Assert.True(LanguageTags.TryCanonicalize(value, out var canonical));
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("english")]
    [InlineData("e")]
    [InlineData("12")]
    [InlineData("es_MX")]
    [InlineData("es-")]
    [InlineData("-es")]
    [InlineData("es--MX")]
    [InlineData("es-MX-")]
    [InlineData("en-US-u")]          // an extension singleton needs a subtag
    [InlineData("en-a-bbb-a-ccc")]   // the same singleton twice
    [InlineData("de-1996-1996")]     // the same variant twice
    [InlineData("en-x")]
    [InlineData("en-toolongsubtag")]
    [InlineData("es MX")]
    [InlineData("ñu")]
    [InlineData("fran")]             // four letters is reserved, not a language
    public void Junk_is_refused(string? value)
    {
        Assert.False(LanguageTags.TryCanonicalize(value, out var canonical));
        Assert.Equal("", canonical);
    }

    [Fact]
    public void A_tag_longer_than_35_characters_is_refused()
    {
        var tag = "en-" + string.Join('-', Enumerable.Repeat("abcdefgh", 4));
        Assert.True(tag.Length > LanguageTags.MaxLength);
        Assert.False(LanguageTags.TryCanonicalize(tag, out _));
    }

    [Theory]
    [InlineData("es-MX", "es")]
    [InlineData("ZH-Hant-TW", "zh")]
    [InlineData("en", "en")]
    [InlineData("", "")]
    public void Primary_is_the_lower_cased_language_subtag(string tag, string expected) =>
        Assert.Equal(expected, LanguageTags.Primary(tag));

    [Fact]
    public void The_explanation_of_an_underscore_tag_says_to_use_a_hyphen()
    {
        var reason = LanguageTags.Explain("es_mx");
        Assert.Contains("'-'", reason);
        Assert.Contains("es-MX", reason);
        Assert.Equal("", LanguageTags.Explain("es-MX"));
        Assert.Contains("'english'", LanguageTags.Explain("english"));
    }
}
