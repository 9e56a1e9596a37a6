using PlComms.Platform;
using PlComms.Platform.Functions;

// `PlComms manifest <dir>` writes the Functions host's function.json folders (used by scripts/publish);
// anything else runs the app.
if (args is ["manifest", var outputDirectory])
{
    foreach (var file in FunctionManifest.Write(outputDirectory)) Console.WriteLine(file);
    return 0;
}

var app = PlCommsApp.Build(args);
await app.RunAsync();
return 0;
