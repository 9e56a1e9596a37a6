using PlComms.Delivery;

namespace PlComms.UnitTests.Delivery;

public class LinkSigningKeysTests
{
    // As `openssl rand -base64 32` prints them (docs/deploy.md): 44 characters with padding, '+' and '/' allowed.
    private static readonly byte[] Bytes1 = Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 250)).ToArray();
    private static readonly byte[] Bytes2 = Enumerable.Range(0, 48).Select(i => (byte)(255 - i)).ToArray();
    private static readonly string Key1 = Convert.ToBase64String(Bytes1);
    private static readonly string Key2 = Convert.ToBase64String(Bytes2);

    [Fact]
    public void The_documented_setting_parses_into_every_key_with_the_named_one_active()
    {
        var keys = LinkSigningKeys.Parse($"k1:{Key1},k2:{Key2}", "k2");

        Assert.Equal("k2", keys.Active.KeyId);
        Assert.Equal(["k1", "k2"], keys.KeyIds.Order());
        Assert.Equal(Bytes1, keys.Find("k1")!.Secret);
        Assert.Equal(Bytes2, keys.Find("k2")!.Secret);
        Assert.Null(keys.Find("k3"));
    }

    [Fact]
    public void Spaces_around_entries_and_blank_entries_are_tolerated_as_appending_to_an_empty_secret_produces_them()
    {
        var keys = LinkSigningKeys.Parse($" ,k1 : {Key1} ,, rotated-2026 :{Key2}, ", " rotated-2026 ");

        Assert.Equal("rotated-2026", keys.Active.KeyId);
        Assert.Equal(2, keys.KeyIds.Count);
    }

    public static TheoryData<string?, string?, string> Invalid() => new()
    {
        { null, "k1", "Tokens__SigningKeys is not set" },
        { "  ", "k1", "Tokens__SigningKeys is not set" },
        { " , ,", "k1", "holds no keys" },
        { "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/Tokens-SigningKeys/)", "k1", "unresolved Key Vault reference" },
        { Key1, "k1", "entry 1 is not kid:base64key" },
        { $"k1:{Convert.ToBase64String(new byte[31])}", "k1", "decodes to 31 bytes; a key needs at least 32" },
        { "k1:not base64!", "k1", "entry 1 (key id 'k1') is not valid base64" },
        { $"k1:{Key1},k1:{Key2}", "k1", "entry 2 repeats key id 'k1'" },
        { $"K1:{Key1}", "K1", "entry 1 has a key id that is not 1 to 16" },
        { $"key_1:{Key1}", "key_1", "entry 1 has a key id that is not 1 to 16" },
        { $"abcdefghijklmnopq:{Key1}", "abcdefghijklmnopq", "entry 1 has a key id that is not 1 to 16" },
        { $":{Key1}", "k1", "entry 1 has a key id that is not 1 to 16" },
        { $"k1:{Key1}", "k2", "Tokens__ActiveKeyId names a key id that is not in Tokens__SigningKeys; it has: k1" },
        { $"k1:{Key1}", null, "Tokens__ActiveKeyId is not set" },
        { $"k1:{Key1}", " ", "Tokens__ActiveKeyId is not set" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_settings_are_refused_with_a_message_naming_the_setting_and_the_problem(string? setting, string? active, string expected)
    {
        Assert.False(LinkSigningKeys.TryParse(setting, active, out var keys, out var error));
        Assert.Null(keys);
        Assert.Contains(expected, error);
        Assert.Equal(error, Assert.Throws<FormatException>(() => LinkSigningKeys.Parse(setting, active)).Message);
    }

    [Theory]
    [InlineData("k1:{0},k1:{1}")]
    [InlineData("k1:{0}xx")]
    [InlineData("{0}")]
    [InlineData("k1:{0},BAD:{1}")]
    public void Error_messages_never_quote_key_material(string format)
    {
        var setting = string.Format(format, Key1, Key2);

        Assert.False(LinkSigningKeys.TryParse(setting, "k1", out _, out var error));
        Assert.DoesNotContain(Key1[..8], error);
        Assert.DoesNotContain(Key2[..8], error);
    }

    [Fact]
    public void A_key_does_not_print_its_secret_and_keeps_its_own_copy()
    {
        var bytes = Bytes1.ToArray();
        var key = new LinkSigningKey("k1", bytes);
        bytes[0] ^= 0xFF;

        Assert.Equal(Bytes1, key.Secret);
        Assert.Equal("LinkSigningKey { KeyId = k1 }", key.ToString());
    }

    [Fact]
    public void Building_keys_in_code_refuses_duplicates_short_secrets_and_a_missing_active_key()
    {
        var k1 = new LinkSigningKey("k1", Bytes1);

        Assert.Throws<ArgumentException>(() => new LinkSigningKeys([k1, new LinkSigningKey("k1", Bytes2)], "k1"));
        Assert.Throws<ArgumentException>(() => new LinkSigningKeys([k1], "k2"));
        Assert.Throws<ArgumentException>(() => new LinkSigningKey("k2", new byte[31]));
        Assert.Throws<ArgumentException>(() => new LinkSigningKey("Key", Bytes1));
    }
}
