using System.Diagnostics.CodeAnalysis;

namespace PlComms.Delivery;

/// <summary>
/// The keys that verify link tokens, and the one that signs new ones. Several keys verify at once so the signing key
/// can rotate without breaking links already sent (docs/deploy.md, "Rotating the link signing key").
/// </summary>
public sealed class LinkSigningKeys
{
    /// <summary>App setting holding the keys, <c>kid1:base64key,kid2:base64key</c> (Key Vault secret <c>Tokens-SigningKeys</c>).</summary>
    public const string KeysSetting = "Tokens__SigningKeys";

    /// <summary>App setting naming the key that signs new links.</summary>
    public const string ActiveKeyIdSetting = "Tokens__ActiveKeyId";

    private readonly Dictionary<string, LinkSigningKey> _byId;

    /// <exception cref="ArgumentException">Key ids repeat, or the active key id is not among the keys.</exception>
    public LinkSigningKeys(IEnumerable<LinkSigningKey> keys, string activeKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _byId = new Dictionary<string, LinkSigningKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!_byId.TryAdd(key.KeyId, key))
                throw new ArgumentException($"Key id '{key.KeyId}' appears more than once.", nameof(keys));
        }
        Active = _byId.GetValueOrDefault(activeKeyId ?? "")
            ?? throw new ArgumentException($"The active key id '{activeKeyId}' is not among the keys.", nameof(activeKeyId));
    }

    /// <summary>The key that signs new tokens.</summary>
    public LinkSigningKey Active { get; }

    public IReadOnlyCollection<string> KeyIds => _byId.Keys;

    public LinkSigningKey? Find(string keyId) => _byId.GetValueOrDefault(keyId);

    /// <summary>
    /// Reads <c>kid1:base64key,kid2:base64key</c> (standard base64, as <c>openssl rand -base64 32</c> prints it) and the
    /// active key id. Blank entries are skipped, so <c>",k2:..."</c> after appending to an empty secret still parses.
    /// Error messages name settings and entry positions, never the text of an entry, so no key material reaches a log.
    /// </summary>
    public static bool TryParse(
        string? keysSetting, string? activeKeyId, [NotNullWhen(true)] out LinkSigningKeys? keys, [NotNullWhen(false)] out string? error)
    {
        keys = null;
        var text = keysSetting?.Trim() ?? "";
        if (text.Length == 0)
            return Fail($"{KeysSetting} is not set: configure at least one key as kid:base64key.", out error);
        // App Service passes an unresolvable Key Vault reference through as its literal text.
        if (text.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            return Fail($"{KeysSetting} is an unresolved Key Vault reference: set the secret and check the identity's Key Vault Secrets User role.", out error);

        var parsed = new List<LinkSigningKey>();
        var entries = text.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Length == 0) continue;
            var entry = $"{KeysSetting}: entry {i + 1}";
            var colon = entries[i].IndexOf(':');
            if (colon < 0)
                return Fail($"{entry} is not kid:base64key.", out error);
            var keyId = entries[i][..colon].Trim();
            if (!LinkSigningKey.IsValidKeyId(keyId))
                return Fail($"{entry} has a key id that is not 1 to {LinkSigningKey.MaxKeyIdLength} of a-z, 0-9 and '-'.", out error);
            if (parsed.Any(k => k.KeyId == keyId))
                return Fail($"{entry} repeats key id '{keyId}'.", out error);
            byte[] secret;
            try
            {
                secret = Convert.FromBase64String(entries[i][(colon + 1)..].Trim());
            }
            catch (FormatException)
            {
                return Fail($"{entry} (key id '{keyId}') is not valid base64.", out error);
            }
            if (secret.Length < LinkSigningKey.MinSecretBytes)
                return Fail($"{entry} (key id '{keyId}') decodes to {secret.Length} bytes; a key needs at least {LinkSigningKey.MinSecretBytes} (openssl rand -base64 32).", out error);
            parsed.Add(new LinkSigningKey(keyId, secret));
        }
        if (parsed.Count == 0)
            return Fail($"{KeysSetting} holds no keys: configure at least one key as kid:base64key.", out error);

        var active = activeKeyId?.Trim() ?? "";
        if (active.Length == 0)
            return Fail($"{ActiveKeyIdSetting} is not set: name the key id that signs new links.", out error);
        if (parsed.All(k => k.KeyId != active))
            return Fail($"{ActiveKeyIdSetting} names a key id that is not in {KeysSetting}; it has: {string.Join(", ", parsed.Select(k => k.KeyId))}.", out error);

        keys = new LinkSigningKeys(parsed, active);
        error = null;
        return true;
    }

    /// <exception cref="FormatException">The settings are missing or invalid; the message says which and why.</exception>
    public static LinkSigningKeys Parse(string? keysSetting, string? activeKeyId) =>
        TryParse(keysSetting, activeKeyId, out var keys, out var error) ? keys : throw new FormatException(error);

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
