using Azure;
using PlComms.Contacts;
using PlComms.Surveys;
using PlComms.Visions;

namespace PlComms.Demo;

/// <summary>
/// With <c>Demo__Load=true</c> (the run command sets it), stores seed 000's worked example as vision
/// <c>demo</c> if it is not there yet, and imports the demo district's contacts (Demo/demo-contacts.csv: parents in
/// English and Spanish, teachers and staff of two schools) like any CSV upload; a re-import changes nothing. Then it
/// schedules the demo baseline survey of families (<see cref="DemoSurvey"/>) unless it exists: the survey timer opens
/// its first wave within a minute and the emails land in the outbox. Retries while Azurite is still starting.
/// </summary>
public sealed class DemoLoader(VisionStore store, ContactImporter importer, SurveyStore surveys, TimeProvider clock, ILogger<DemoLoader> logger) : BackgroundService
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
                if (await surveys.GetAsync(DemoSurvey.Id, stoppingToken) is null)
                {
                    try
                    {
                        await surveys.AddAsync(DemoSurvey.Create(clock.GetUtcNow()), stoppingToken);
                        logger.LogInformation("Demo survey '{Id}' scheduled: its baseline wave opens within a minute.", DemoSurvey.Id);
                    }
                    catch (RequestFailedException ex) when (ex.Status == 409)
                    {
                        // Another instance stored it first.
                    }
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
