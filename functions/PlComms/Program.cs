using PlComms.Platform;
using PlComms.Platform.Functions;

// `PlComms manifest <dir>` writes the Functions host's function.json folders (used by scripts/publish);
// `PlComms demo-results` fills the demo district with a survey that has run three waves (scripts/demo-results);
// anything else runs the app.
if (args is ["manifest", var outputDirectory])
{
    foreach (var file in FunctionManifest.Write(outputDirectory)) Console.WriteLine(file);
    return 0;
}

if (args is ["demo-results"])
{
    // The app's services against the same storage, without starting its server, timers or poller.
    var services = PlCommsApp.Build([]).Services;
    var surveyId = await PlComms.Demo.DemoResults.RunAsync(services, Console.Out, CancellationToken.None);
    Console.WriteLine($"demo-results: GET /api/surveys/{surveyId}/results");
    return 0;
}

var app = PlCommsApp.Build(args);
await app.RunAsync();
return 0;
