using Microsoft.AspNetCore.Antiforgery;

namespace PlComms.Visions.Pages;

/// <summary>
/// The vision form's live statement preview: the page's script posts the unsaved form here and shows the answer. It
/// reads the form exactly as the page does and renders with the same validator and template, and saves nothing.
/// </summary>
public static class VisionPreviewEndpoint
{
    public const string Path = "/app/visions/preview";

    public static void MapVisionPreview(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, async (HttpRequest request, WebApp.UiText text, CancellationToken ct) =>
        {
            var (_, input) = VisionForm.Read(await request.ReadFormAsync(ct));
            var result = VisionValidator.Validate(input);
            return result.IsValid
                ? TypedResults.Text(VisionStatement.Render(result.Value!, StatementFormat.Text), "text/plain; charset=utf-8")
                : (IResult)TypedResults.Text(text["visions.preview.invalid"], "text/plain; charset=utf-8", statusCode: StatusCodes.Status422UnprocessableEntity);
        }).RequireAuthorization().WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
}
