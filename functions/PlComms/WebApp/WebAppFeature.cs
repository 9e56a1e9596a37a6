using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
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
                SetPageHeaders(context.Response);
                // The language picked once is kept, so the next page is in it too.
                if (context.Request.Query["lang"].ToString() is { Length: > 0 } lang && UiText.Languages.Contains(lang))
                    context.Response.Cookies.Append(UiText.CookieName, lang, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = Prefix, MaxAge = TimeSpan.FromDays(365) });
                await next();
            });
            // A fresh scope: the failed page may already have initialised scoped services (its NavigationManager) the error page needs.
            web.UseExceptionHandler(Prefix + "/error", createScopeForErrors: true);
            web.UseStatusCodePagesWithReExecute(Prefix + "/not-found", createScopeForStatusCodePages: true);
            web.Use(AnswerRefusedPostsAsync);
        });
    }

    /// <summary>The page that says a form post was refused and nothing was saved.</summary>
    public const string FormRejectedPath = Prefix + "/form-rejected";

    /// <summary>
    /// A form post the app refuses before it runs (no antiforgery token, one that expired or belongs to another session,
    /// a form that cannot be read) ends with a bare 4xx, and one that fails ends with an exception. Re-executed as a POST
    /// (as the status-code and exception pages would be) a page is taken for a form submission and refused again, so a
    /// person would see an empty page. Such posts are answered here instead, by GETting the page that explains, with the
    /// original status: <see cref="FormRejectedPath"/> for a 4xx, the error page for a failure.
    /// </summary>
    private static async Task AnswerRefusedPostsAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await next(context);
            return;
        }
        int status;
        try
        {
            await next(context);
            if (context.Response.HasStarted || context.Response.StatusCode is < 400 or >= 600) return;
            status = context.Response.StatusCode;
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("PlComms.WebApp")
                .LogError(ex, "A form post to {Path} failed.", context.Request.Path);
            status = StatusCodes.Status500InternalServerError;
        }

        // Back to the form only when the post went to a page (not to an endpoint such as sign-out).
        var wasPage = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Components.Endpoints.ComponentTypeMetadata>() is not null;
        var from = wasPage ? context.Request.Path.Value : null;
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = status >= 500 ? Prefix + "/error" : FormRejectedPath;
        context.Request.QueryString = from is null ? QueryString.Empty : QueryString.Create("from", from);
        context.Request.ContentType = null;
        context.Request.ContentLength = 0;
        context.Request.Body = Stream.Null;
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        context.Features.Set<IFormFeature>(null);
        context.Features.Set<IAntiforgeryValidationFeature>(null);
        context.Response.Clear();
        SetPageHeaders(context.Response);
        context.Response.StatusCode = status;
        var original = context.RequestServices;
        await using var scope = original.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestServices = original;
        }
    }

    private static void SetPageHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
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

    /// <summary>
    /// Antiforgery for every endpoint that asks for it: UseAntiforgery only records the check, and an endpoint that does
    /// not bind a form (sign-out, the vision preview) would run without its token, or fail reading the form. A request
    /// whose check failed ends here with a bare 400, which <see cref="AnswerRefusedPostsAsync"/> turns into the page that
    /// says the form was not sent. Runs after UseAntiforgery.
    /// </summary>
    public static void UseFormTokenRequired(this WebApplication app) =>
        app.Use((context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true }
                && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return Task.CompletedTask;
            }
            return next(context);
        });
}
