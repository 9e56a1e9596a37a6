using PlComms.Contacts;
using PlComms.Visions;

namespace PlComms.Demo;

/// <summary>
/// With <c>Demo__Load=true</c> (the run command sets it), stores seed 000's worked example as vision
/// <c>demo</c> if it is not there yet, and imports the demo district's contacts (Demo/demo-contacts.csv: parents in
/// English and Spanish, teachers and staff of two schools) like any CSV upload; a re-import changes nothing.
/// Retries while Azurite is still starting.
/// </summary>
public sealed class DemoLoader(VisionStore store, ContactImporter importer, TimeProvider clock, ILogger<DemoLoader> logger) : BackgroundService
{
    public static string ContactsFile => Path.Combine(AppContext.BaseDirectory, "Demo", "demo-contacts.csv");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                if (await store.GetAsync(DemoVision.Id, stoppingToken) is null)
                {
                    var (status, _) = await store.CreateAsync(DemoVision.Id, DemoVision.Content, stoppingToken);
                    logger.LogInformation("Demo vision '{Id}': {Status}.", DemoVision.Id, status);
                }
                else
                {
                    logger.LogInformation("Demo vision '{Id}' is already stored.", DemoVision.Id);
                }
                await using (var file = File.OpenRead(ContactsFile))
                {
                    var report = await importer.ApplyAsync(importer.Parse(file, ImportFormat.Csv), ImportFormat.Csv, dryRun: false, stoppingToken);
                    logger.LogInformation("Demo contacts: {Created} created, {Unchanged} unchanged, {Errors} errors.", report.Created, report.Unchanged, report.ErrorCount);
                }
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < 30)
            {
                logger.LogWarning("Demo load attempt {Attempt} failed ({Error}); retrying.", attempt, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
        }
    }
}
