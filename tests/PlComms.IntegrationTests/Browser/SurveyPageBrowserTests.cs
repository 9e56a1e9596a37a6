using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using PlComms.Delivery;
using PlComms.Delivery.Sending;
using PlComms.IntegrationTests.Surveys;
using PlComms.Surveys;
using static Microsoft.Playwright.Assertions;

namespace PlComms.IntegrationTests.Browser;

/// <summary>
/// The survey page in real Chromium, opened from the links of the emails the outbox wrote: a person answering with the
/// mouse, with the keyboard alone, and in Spanish, each ending on the thank-you page with one stored response; and the
/// one-click path, where the page's script records the answer chosen in the email only once a person is plainly there.
/// Every test also checks that the page reached nothing but the app and broke no rule of its Content-Security-Policy.
/// </summary>
[Collection(SurveyCollection.Name)]
public sealed class SurveyPageBrowserTests(SurveyFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Awareness = "1. I know our schools are changing how students learn.";
    private const string Understanding = "2. I understand how my child's learning will change.";
    private const string StaysTheSame = "3. I know what will stay the same for my child.";
    private const string PreferredChannel = "6. How do you like to get news from the district?";
    private const string Comment = "7. Is there anything else you want to tell us? (optional)";
    private const string FirstAnswerSaved = "Thank you. Your first answer is saved. You can answer the other questions too.";

    private readonly Dictionary<string, IReadOnlyList<MimeMessage>> _waveEmails = [];

    private ResponseStore Responses => fixture.Services.GetRequiredService<ResponseStore>();

    [Fact]
    public async Task A_parent_answering_with_the_mouse_sees_the_thank_you_page_and_one_response_holds_the_submitted_answers()
    {
        var (waveId, email) = await InvitationAsync("mouse", "en");
        await using var browser = await chromium.OpenAsync();
        var page = browser.Page;

        await page.GotoAsync(SurveyFixture.SurveyLink(email, 4).ToString());
        await Expect(Radio(page, Awareness, "Agree")).ToBeCheckedAsync();

        // Answering a second question is the first sign of a person: the script sends the headline answer on its own.
        await Radio(page, Understanding, "Strongly agree").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(FirstAnswerSaved);
        var early = await Responses.GetAsync(DeliveryId(email), CancellationToken.None);
        Assert.NotNull(early);
        Assert.Equal(ResponseChannel.EmailClick, early.Channel);
        Assert.Equal(new Dictionary<string, string> { ["parent-awareness"] = "4" }, early.Answers.Values);

        // Then they change their mind on the headline, answer two more and send the whole form.
        await Radio(page, Awareness, "Strongly agree").ClickAsync();
        await Radio(page, PreferredChannel, "Meetings at school").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = Comment }).FillAsync("More evening meetings, please.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you");
        var response = await SingleResponseAsync(waveId, email);
        Assert.Equal(new Dictionary<string, string>
        {
            ["parent-awareness"] = "5",
            ["parent-understanding"] = "5",
            ["parent-preferred-channel"] = "meetings",
            ["parent-comment"] = "More evening meetings, please.",
        }, response.Answers.Values);
        Assert.Equal(ResponseChannel.Form, response.Channel);
        Assert.Equal("en", response.Language);
        Assert.Single(browser.ScriptPosts);
        browser.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task A_parent_answering_with_the_keyboard_alone_reaches_every_control_in_order_and_sends_the_form()
    {
        var (waveId, email) = await InvitationAsync("keyboard", "en");
        await using var browser = await chromium.OpenAsync();
        var page = browser.Page;
        var keyboard = page.Keyboard;
        await page.GotoAsync(SurveyFixture.SurveyLink(email, 3).ToString());

        // The language switch comes first, then each question's radio group is one Tab stop.
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "English" })).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Español" })).ToBeFocusedAsync();
        await keyboard.PressAsync("Tab");
        var preselected = Radio(page, Awareness, "Not sure");
        await Expect(preselected).ToBeFocusedAsync();
        await Expect(preselected).ToBeCheckedAsync();
        Assert.Equal("solid", await FocusOutlineAsync(page, ".choice:focus-within"));
        // Key presses are a person too: the headline answer is sent by the script.
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(FirstAnswerSaved);

        await keyboard.PressAsync("ArrowUp");
        await Expect(Radio(page, Awareness, "Agree")).ToBeCheckedAsync();
        await keyboard.PressAsync("Tab");
        var stronglyAgree = Radio(page, Understanding, "Strongly agree");
        await Expect(stronglyAgree).ToBeFocusedAsync();
        await keyboard.PressAsync("Space");
        await Expect(stronglyAgree).ToBeCheckedAsync();
        await keyboard.PressAsync("Tab");
        await Expect(Radio(page, StaysTheSame, "Strongly agree")).ToBeFocusedAsync();
        await keyboard.PressAsync("ArrowDown");
        await Expect(Radio(page, StaysTheSame, "Agree")).ToBeCheckedAsync();
        // Questions 4 and 5 are left unanswered.
        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Tab");
        await keyboard.PressAsync("Tab");
        await Expect(Radio(page, PreferredChannel, "Email")).ToBeFocusedAsync();
        await keyboard.PressAsync("ArrowDown");
        await Expect(Radio(page, PreferredChannel, "Text message")).ToBeCheckedAsync();
        await keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Textbox, new() { Name = Comment })).ToBeFocusedAsync();
        await keyboard.TypeAsync("Evenings work best.");
        await keyboard.PressAsync("Tab");
        var submit = page.GetByRole(AriaRole.Button, new() { Name = "Send my answers" });
        await Expect(submit).ToBeFocusedAsync();
        Assert.Equal("solid", await FocusOutlineAsync(page, "button:focus-visible"));
        await keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you");
        var response = await SingleResponseAsync(waveId, email);
        Assert.Equal(new Dictionary<string, string>
        {
            ["parent-awareness"] = "4",
            ["parent-understanding"] = "5",
            ["parent-stays-the-same"] = "4",
            ["parent-preferred-channel"] = "text-message",
            ["parent-comment"] = "Evenings work best.",
        }, response.Answers.Values);
        Assert.Equal(ResponseChannel.Form, response.Channel);
        browser.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task A_Spanish_speaking_parent_gets_the_page_and_the_thank_you_page_in_Spanish_and_the_response_is_stored_as_Spanish()
    {
        var (waveId, email) = await InvitationAsync("spanish", "es");
        Assert.Equal("Una pregunta rápida del distrito", email.Subject);
        var link = SurveyFixture.SurveyLink(email, 2);
        Assert.Contains("lang=es", link.Query, StringComparison.Ordinal);
        await using var browser = await chromium.OpenAsync();
        var page = browser.Page;

        await page.GotoAsync(link.ToString());
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Una encuesta breve sobre el cambio en el aprendizaje");
        var languages = page.GetByRole(AriaRole.Navigation, new() { Name = "Idioma" });
        await Expect(languages.GetByRole(AriaRole.Link, new() { Name = "Español" })).ToHaveAttributeAsync("aria-current", "true");
        await Expect(languages.GetByRole(AriaRole.Link, new() { Name = "English" })).ToHaveAttributeAsync("href", "?a=2&lang=en");
        const string headline = "1. Sé que nuestras escuelas están cambiando cómo aprenden los niños.";
        await Expect(Radio(page, headline, "En desacuerdo")).ToBeCheckedAsync();

        await Radio(page, "2. Entiendo cómo va a cambiar el aprendizaje de mi hijo.", "No estoy seguro").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Gracias. Su primera respuesta quedó guardada. También puede contestar las otras preguntas.");
        var channel = QuestionBank.Find("parent-preferred-channel")!;
        await Radio(page, "6. " + channel.Text.Es, channel.Options.Single(o => o.Id == "meetings").Label.Es).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enviar mis respuestas" }).ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gracias");
        await Expect(page.GetByText("Sus respuestas quedaron guardadas.")).ToBeVisibleAsync();
        var response = await SingleResponseAsync(waveId, email);
        Assert.Equal(new Dictionary<string, string>
        {
            ["parent-awareness"] = "2",
            ["parent-understanding"] = "3",
            ["parent-preferred-channel"] = "meetings",
        }, response.Answers.Values);
        Assert.Equal(ResponseChannel.Form, response.Channel);
        Assert.Equal("es", response.Language);
        browser.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task An_answer_link_left_untouched_records_nothing_and_the_first_mouse_move_records_that_answer_once_as_an_email_click()
    {
        var (waveId, email) = await InvitationAsync("one-click", "en");
        await using var browser = await chromium.OpenAsync();
        var page = browser.Page;

        // Loaded, rendered, its script running, and nobody there: what a scanner that renders links does.
        await page.GotoAsync(SurveyFixture.SurveyLink(email, 2).ToString());
        await Expect(page.Locator("#survey-form")).ToHaveAttributeAsync("data-autosubmit", "true");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(browser.ScriptPosts);
        Assert.Null(await Responses.GetAsync(DeliveryId(email), CancellationToken.None));
        await Expect(page.GetByRole(AriaRole.Status)).ToBeEmptyAsync();

        // A person moves the mouse: the answer chosen in the email is recorded by the script alone.
        await page.Mouse.MoveAsync(120, 200);
        await page.Mouse.MoveAsync(180, 260, new() { Steps = 5 });
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(FirstAnswerSaved);
        var response = await SingleResponseAsync(waveId, email);
        Assert.Equal(ResponseChannel.EmailClick, response.Channel);
        Assert.Equal(new Dictionary<string, string> { ["parent-awareness"] = "2" }, response.Answers.Values);
        Assert.Equal("en", response.Language);

        // More signs of a person send nothing more.
        await page.Mouse.WheelAsync(0, 200);
        await page.Keyboard.PressAsync("Tab");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(browser.ScriptPosts);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("A quick survey about the change in learning");
        browser.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    /// <summary>A wave to two parents of a new school (the first prefers English, the second Spanish); the email in <paramref name="language"/>.</summary>
    private async Task<(string WaveId, MimeMessage Email)> InvitationAsync(string label, string language)
    {
        var school = SurveyFixture.NewSchool(label);
        await fixture.SeedAsync(school, 2);
        var waveId = await fixture.OpenWaveAsync(await fixture.CreateSurveyAsync(school));
        var emails = fixture.Emails(waveId, school);
        Assert.Equal(2, emails.Count);
        _waveEmails[waveId] = emails;
        return (waveId, emails.Single(e => e.Body?.Headers[HeaderId.ContentLanguage] == language));
    }

    private static string DeliveryId(MimeMessage email) => email.Headers[TraceHeaders.DeliveryId] ?? throw new InvalidOperationException("The email has no delivery id.");

    /// <summary>
    /// The delivery's response, after checking it is the wave's only one: one row, this delivery's, across every batch
    /// the wave went out in (one per language), so the other parent, who never answered, has none.
    /// </summary>
    private async Task<StoredResponse> SingleResponseAsync(string waveId, MimeMessage email)
    {
        var deliveryId = DeliveryId(email);
        Assert.True(DeliveryIds.TryParse(deliveryId, out _, out _, out var contactId));
        var batches = _waveEmails[waveId].Select(e => DeliveryIds.TryParse(DeliveryId(e), out _, out var b, out _) ? b : throw new InvalidOperationException("Not a delivery id.")).Distinct();
        var respondents = new List<string>();
        foreach (var batch in batches) respondents.AddRange(await Responses.RespondentsAsync(waveId, batch, CancellationToken.None));
        Assert.Equal(contactId, Assert.Single(respondents));
        var response = await Responses.GetAsync(deliveryId, CancellationToken.None);
        Assert.NotNull(response);
        Assert.Equal(deliveryId, response.DeliveryId);
        return response;
    }

    /// <summary>A radio button found as a screen reader finds it: by its group's legend and its own label.</summary>
    private static ILocator Radio(IPage page, string question, string answer) =>
        page.GetByRole(AriaRole.Group, new() { Name = question, Exact = true }).GetByRole(AriaRole.Radio, new() { Name = answer, Exact = true });

    private static Task<string> FocusOutlineAsync(IPage page, string selector) =>
        page.EvaluateAsync<string>("s => { const e = document.querySelector(s); return e ? getComputedStyle(e).outlineStyle : 'no element matches'; }", selector);
}
