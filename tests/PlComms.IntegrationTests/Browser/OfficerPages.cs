using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using PlComms.IntegrationTests.Infrastructure;

namespace PlComms.IntegrationTests.Browser;

/// <summary>What every web-app browser test needs: a signed-in officer, and the accessibility check run on each page.</summary>
public static class OfficerPages
{
    /// <summary>Signs in through the form, as an officer would, and lands on <paramref name="path"/> (default the home page).</summary>
    public static async Task SignInAsync(IPage page, Uri app, string path = "/app")
    {
        await page.GotoAsync(new Uri(app, "/app/sign-in?ReturnUrl=" + Uri.EscapeDataString(path)).ToString());
        await page.GetByLabel("Officer API key").FillAsync(AppFixture.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(app, path).ToString());
    }

    /// <summary>
    /// A full-page screenshot as a test artifact, under <c>artifacts/screenshots/</c> (git-ignored); the README's
    /// pictures in docs/screenshots/ are copies of these.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>The page fits a phone's width: nothing makes it scroll sideways (tables scroll inside their own frame).</summary>
    public static async Task AssertFitsAPhoneAsync(IPage page)
    {
        await page.SetViewportSizeAsync(375, 800);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than a 375px phone screen.");
        await page.SetViewportSizeAsync(1280, 800);
    }

    /// <summary>
    /// axe-core on the page as it stands: no serious or critical violation (each one named in the failure). Also: no
    /// UI text key shows in place of its words (a key missing from the resources renders as "[key]").
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var text = await page.Locator("body").InnerTextAsync();
        var missing = System.Text.RegularExpressions.Regex.Matches(text, @"\[[a-z]+\.[a-z0-9.-]+\]").Select(m => m.Value).Distinct().ToList();
        Assert.True(missing.Count == 0, $"UI text missing on {page.Url}: {string.Join(", ", missing)}");
        // Frames are left out: the only one is the message review's email preview, sandboxed without script, where
        // axe cannot run (and would wait for it forever). The frame element itself is still checked (its title).
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions { Iframes = false }).WaitAsync(TimeSpan.FromSeconds(60));
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"axe on {page.Url}: " + string.Join(" | ", bad.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }
}
