using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PlComms.ApiDocs;
using PlComms.IntegrationTests.Surveys;
using static Microsoft.Playwright.Assertions;

namespace PlComms.IntegrationTests.Browser;

/// <summary>The web app's API page in real Chromium: what the API is for, how to authenticate, the document, the operations.</summary>
[Collection(SurveyCollection.Name)]
public sealed class ApiPageBrowserTests(SurveyFixture fixture, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_officer_reads_how_to_call_the_api_opens_its_document_and_sees_every_operation_by_feature_in_both_languages()
    {
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await OfficerPages.SignInAsync(page, fixture.BaseAddress, "/app/api");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("The API for your scripts");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "API", Exact = true }))
            .ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("X-Api-Key");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(".local/officer-api-key");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Key Vault");

        // Every operation of the document is listed, under its feature, with whether it needs the key.
        var document = JsonNode.Parse(await (await fixture.Officer.GetAsync(ApiDocsFeature.DocumentPath)).Content.ReadAsStringAsync())!;
        var expected = document["paths"]!.AsObject().Sum(p => p.Value!.AsObject().Count(o => o.Key is "get" or "post" or "put" or "delete" or "head"));
        await Expect(page.Locator("main tbody tr")).ToHaveCountAsync(expected);
        var visions = page.GetByRole(AriaRole.Region, new() { Name = "Vision", Exact = true });
        var create = visions.GetByRole(AriaRole.Row).Filter(new() { HasText = "Create a draft vision" });
        await Expect(create.GetByRole(AriaRole.Cell)).ToHaveTextAsync(["POST", "/api/visions", "Create a draft vision", "Yes"]);
        var health = page.GetByRole(AriaRole.Region, new() { Name = "Health", Exact = true }).GetByRole(AriaRole.Row).Filter(new() { HasText = "/api/health" });
        await Expect(health.GetByRole(AriaRole.Cell).Last).ToHaveTextAsync("No");
        await OfficerPages.AssertAccessibleAsync(page);
        // On a phone too: long paths wrap, nothing needs scrolling sideways.
        await page.SetViewportSizeAsync(390, 844);
        await OfficerPages.AssertAccessibleAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth && [...document.querySelectorAll('main .table-wrap, main pre')].every(e => e.scrollWidth <= e.clientWidth)"), "The page scrolls sideways on a phone.");
        await page.SetViewportSizeAsync(1280, 720);

        // The link opens the same document the API serves behind the key, with the session alone.
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Open the OpenAPI document (JSON)" });
        await Expect(link).ToHaveAttributeAsync("href", ApiDocsFeature.WebAppDocumentPath);
        var copy = await page.APIRequest.GetAsync(new Uri(fixture.BaseAddress, ApiDocsFeature.WebAppDocumentPath).ToString());
        Assert.Equal(200, copy.Status);
        var served = JsonNode.Parse(await copy.TextAsync())!;
        Assert.Equal(document["paths"]!.AsObject().Select(p => p.Key), served["paths"]!.AsObject().Select(p => p.Key));
        Assert.Equal(document["components"]!["securitySchemes"]!.ToJsonString(), served["components"]!["securitySchemes"]!.ToJsonString());

        await page.GetByRole(AriaRole.Link, new() { Name = "Español" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("La API para sus scripts");
        var visiones = page.GetByRole(AriaRole.Region, new() { Name = "Visión", Exact = true });
        await Expect(visiones.GetByRole(AriaRole.Columnheader)).ToHaveTextAsync(["Método", "Ruta", "Qué hace", "Necesita clave"]);
        // The descriptions come from the document, in English, and say so to a screen reader.
        await Expect(visiones.Locator("td[lang=en]").First).ToHaveTextAsync("The visioning tool's structure");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Abrir el documento OpenAPI (JSON)" })).ToBeVisibleAsync();
        await OfficerPages.AssertAccessibleAsync(page);
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);
    }

    [Fact]
    public async Task Without_a_session_the_document_link_leads_to_sign_in_and_back_to_the_document()
    {
        await using var session = await chromium.OpenAsync();
        var page = session.Page;
        await page.GotoAsync(new Uri(fixture.BaseAddress, ApiDocsFeature.WebAppDocumentPath).ToString());
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/app/sign-in"));
        await OfficerPages.AssertAccessibleAsync(page);
        // Checked on the sign-in page: a bare JSON document has no icon of its own, so Chromium then guesses /favicon.ico.
        session.AssertOnlyTheAppWasReachedAndNothingViolatedTheCsp(fixture.BaseAddress);

        await page.GetByLabel("Officer API key").FillAsync(Infrastructure.AppFixture.ApiKey);
        var document = page.WaitForResponseAsync(r => new Uri(r.Url).AbsolutePath == ApiDocsFeature.WebAppDocumentPath);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var response = await document;
        Assert.Equal(200, response.Status);
        Assert.StartsWith("application/json", response.Headers["content-type"]);
        Assert.Equal("PlComms API", JsonNode.Parse(await response.TextAsync())!["info"]!["title"]!.GetValue<string>());
    }
}
