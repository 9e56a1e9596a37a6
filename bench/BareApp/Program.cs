// A bare minimal-API app: what any ASP.NET Core app costs to start on this machine. It listens where the Functions host
// tells a custom handler to (FUNCTIONS_CUSTOMHANDLER_PORT), as the app does, and answers one JSON route.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseUrls($"http://127.0.0.1:{builder.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"] ?? "5000"}");
var app = builder.Build();
app.MapGet("/api/vision-catalog", () => TypedResults.Ok(new Answer("bare")));
app.Run();

internal sealed record Answer(string Name);
