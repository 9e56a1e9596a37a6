using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PlComms.Platform.Auth;

namespace PlComms.WebApp;

/// <summary>
/// The web app's sign-in: an officer key, checked like the API's header, becomes an HttpOnly, SameSite=Strict session
/// cookie (Secure outside loopback) holding only the key's fingerprint, never the key. A session ends at sign-out,
/// after <see cref="Lifetime"/> idle, or as soon as its key is no longer configured.
/// </summary>
public sealed class OfficerSessions(OfficerKeys keys)
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "plcomms-session";
    public const string KeyClaim = "plcomms:key";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public async Task<bool> SignInAsync(HttpContext http, string? presented)
    {
        if (keys.IndexOf(presented?.Trim()) is not { } index) return false;
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "officer"), new Claim(KeyClaim, keys.Fingerprint(index))], Scheme);
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        return true;
    }

    /// <summary>Runs on every request with a session cookie: a rotated-out key ends its sessions.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (!keys.IsCurrentFingerprint(context.Principal?.FindFirst(KeyClaim)?.Value))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }
    }
}
