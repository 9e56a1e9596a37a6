using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using PlComms.Delivery;
using PlComms.Platform.Auth;

namespace PlComms.WebApp;

/// <summary>
/// The officer's web app under <c>/app</c>: Razor components rendered on the server (no framework script), a session
/// cookie from the officer key, antiforgery on every form, a strict Content-Security-Policy, and pages a person can read
/// when something goes wrong. It calls the same stores and services as the API.
/// </summary>
public static class WebAppFeature
{
    public const string Prefix = "/app";

    /// <summary>Pages load only the app's own files; forms post back here; nothing frames them but the email preview frame.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; frame-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IServiceCollection AddWebApp(this IServiceCollection services, IConfiguration config)
    {
        services.AddHttpContextAccessor();
        services.AddRazorComponents();
        services.AddScoped<UiText>();
        services.AddSingleton<OfficerKeys>();
        services.AddSingleton<OfficerSessions>();
        var https = config["App:PublicBaseUrl"] is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        services.AddAuthentication(OfficerSessions.Scheme).AddCookie(OfficerSessions.Scheme, o =>
        {
            o.Cookie.Name = OfficerSessions.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Behind the Functions host the app hears plain http on loopback; a public https URL means the cookie is Secure.
            o.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.Path = Prefix;
            o.ExpireTimeSpan = OfficerSessions.Lifetime;
            o.SlidingExpiration = true;
            o.LoginPath = Prefix + "/sign-in";
            o.AccessDeniedPath = Prefix + "/sign-in";
            o.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<OfficerSessions>().ValidateAsync(context);
            // The API answers 401 problems itself; only pages redirect to the sign-in form.
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments(Prefix)) context.Response.Redirect(context.RedirectUri);
                else context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        return services;
    }

    /// <summary>Headers and error pages for <c>/app</c>; runs before routing so even a 404 gets them.</summary>
    public static void UseWebAppPages(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Prefix), web =>
        {
            web.Use(async (context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                // The language picked once is kept, so the next page is in it too.
                if (context.Request.Query["lang"].ToString() is { Length: > 0 } lang && UiText.Languages.Contains(lang))
                    context.Response.Cookies.Append(UiText.CookieName, lang, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = Prefix, MaxAge = TimeSpan.FromDays(365) });
                await next();
            });
            // A fresh scope: the failed page may already have initialised scoped services (its NavigationManager) the error page needs.
            web.UseExceptionHandler(Prefix + "/error", createScopeForErrors: true);
            web.UseStatusCodePagesWithReExecute(Prefix + "/not-found", createScopeForStatusCodePages: true);
        });
    }

    public static void MapWebApp(this WebApplication app)
    {
        app.MapRazorComponents<App>().RequireAuthorization();
        app.MapPost(Prefix + "/sign-out", async (HttpContext http) =>
        {
            await http.SignOutAsync(OfficerSessions.Scheme);
            return TypedResults.Redirect(Prefix + "/sign-in?signedout=true");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
    }
}
