using System.Net;
using System.Text;
using PlComms.Messages;
using PlComms.Platform.Pages;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>What the survey form needs to show: the target, the language, a preselected headline answer, earlier answers.</summary>
public sealed record SurveyForm(
    SurveyLinkTarget Target,
    Language Language,
    int? Preselected,
    SurveyAnswers? Earlier,
    string AntiforgeryField,
    string AntiforgeryToken,
    IReadOnlyDictionary<string, string[]>? Errors = null);

/// <summary>
/// The pages a survey link opens, server-rendered: mobile-first, one column, labels and fieldsets for every control,
/// a language switch, and nothing from anywhere else. The only script and style sheet are the app's own
/// (<see cref="PageAssets"/>), which the Content-Security-Policy allows and nothing more.
/// </summary>
public static class SurveyPage
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly LocalizedText Title = new("District survey", "Encuesta del distrito");
    private static readonly LocalizedText Heading = new("A quick survey about the change in learning", "Una encuesta breve sobre el cambio en el aprendizaje");
    private static readonly LocalizedText Intro = new(
        "Your answers help the district explain the change better. Answer what you like and press the button at the end.",
        "Sus respuestas ayudan al distrito a explicar mejor el cambio. Conteste lo que quiera y pulse el botón al final.");
    private static readonly LocalizedText Privacy = new(
        "Your answers are not shown with your name. The district sees only group results.",
        "Sus respuestas no se muestran con su nombre. El distrito solo ve resultados de grupo.");
    private static readonly LocalizedText Earlier = new(
        "You answered before. Your earlier answers are filled in; change any and send again.",
        "Usted ya contestó. Sus respuestas anteriores están marcadas; cambie las que quiera y envíe de nuevo.");
    private static readonly LocalizedText Submit = new("Send my answers", "Enviar mis respuestas");
    private static readonly LocalizedText Saved = new(
        "Thank you. Your first answer is saved. You can answer the other questions too.",
        "Gracias. Su primera respuesta quedó guardada. También puede contestar las otras preguntas.");
    private static readonly LocalizedText Optional = new("(optional)", "(opcional)");
    private static readonly LocalizedText LanguageLabel = new("Language", "Idioma");
    private static readonly LocalizedText ErrorSummary = new("Please check your answers:", "Revise sus respuestas:");
    private static readonly LocalizedText ThanksTitle = new("Thank you", "Gracias");
    private static readonly LocalizedText ThanksBody = new(
        "Your answers are saved. You can close this page. If you open the link again, you can change them while the survey is open.",
        "Sus respuestas quedaron guardadas. Puede cerrar esta página. Si abre el enlace otra vez, puede cambiarlas mientras la encuesta esté abierta.");
    private static readonly LocalizedText ClosedTitle = new("This survey has closed", "Esta encuesta ya cerró");
    private static readonly LocalizedText ClosedBody = new(
        "Thank you for your interest. The survey is no longer taking answers. The district will send the next one by email.",
        "Gracias por su interés. La encuesta ya no recibe respuestas. El distrito enviará la próxima por correo.");
    private static readonly LocalizedText NotSavedBody = new(
        "Your answers could not be saved just now. Wait a minute, then open the link from the email again and send them.",
        "No pudimos guardar sus respuestas en este momento. Espere un minuto, abra otra vez el enlace del correo y envíelas.");
    private static readonly LocalizedText FormExpired = new(
        "The page was open too long, or cookies are off. Open the link from the email again and send your answers.",
        "La página estuvo abierta demasiado tiempo o las cookies están desactivadas. Abra otra vez el enlace del correo y envíe sus respuestas.");

    public static string Form(SurveyForm form)
    {
        var l = form.Language;
        var d = form.Target.Survey.Definition;
        var body = new StringBuilder();
        body.Append("<p>").Append(H(Intro.In(l))).Append("</p>\n");
        if (form.Earlier is not null) body.Append("<p class=\"note\">").Append(H(Earlier.In(l))).Append("</p>\n");
        if (form.Errors is { Count: > 0 } errors)
        {
            body.Append("<div class=\"errors\" role=\"alert\" tabindex=\"-1\" id=\"errors\"><p>").Append(H(ErrorSummary.In(l))).Append("</p><ul>");
            foreach (var (field, messages) in errors)
            {
                var question = field.StartsWith(SurveyAnswerParser.FieldPrefix, StringComparison.Ordinal) ? QuestionBank.Find(field[SurveyAnswerParser.FieldPrefix.Length..]) : null;
                foreach (var message in messages)
                    body.Append("<li>").Append(question is null ? "" : H(question.Text.In(l)) + ": ").Append(H(message)).Append("</li>");
            }
            body.Append("</ul></div>\n");
        }
        // The script may send the headline answer chosen in the email, once a person is plainly on the page; never twice.
        var autosubmit = form.Preselected is not null && form.Earlier is null && form.Errors is null;
        body.Append("<form method=\"post\" id=\"survey-form\" data-autosubmit=\"").Append(autosubmit ? "true" : "false")
            .Append("\" data-saved=\"").Append(H(Saved.In(l))).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"").Append(H(form.AntiforgeryField)).Append("\" value=\"").Append(H(form.AntiforgeryToken)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(WireName<Language>.Of(l)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"channel\" value=\"form\">\n");
        var questions = d.Questions;
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var field = SurveyAnswerParser.FieldName(q.Id);
            var earlier = form.Earlier?.Values.GetValueOrDefault(q.Id);
            var chosen = i == 0 && form.Preselected is { } p ? p.ToString() : earlier;
            var number = $"{i + 1}. ";
            switch (q.Kind)
            {
                case QuestionKind.Likert:
                    body.Append("<fieldset class=\"question\"><legend>").Append(H(number + q.Text.In(l))).Append("</legend>\n");
                    for (var v = LikertScale.Max; v >= LikertScale.Min; v--)
                        Radio(body, field, v.ToString(), QuestionBank.ScaleLabel(v).In(l), chosen == v.ToString(), headline: i == 0);
                    body.Append("</fieldset>\n");
                    break;
                case QuestionKind.Choice:
                    body.Append("<fieldset class=\"question\"><legend>").Append(H(number + q.Text.In(l))).Append("</legend>\n");
                    foreach (var option in q.Options) Radio(body, field, option.Id, option.Label.In(l), chosen == option.Id, headline: false);
                    body.Append("</fieldset>\n");
                    break;
                case QuestionKind.Comment:
                    body.Append("<div class=\"question\"><label for=\"").Append(H(field)).Append("\">").Append(H(number + q.Text.In(l))).Append(' ')
                        .Append("<span class=\"hint\">").Append(H(Optional.In(l))).Append("</span></label>\n")
                        .Append("<textarea id=\"").Append(H(field)).Append("\" name=\"").Append(H(field)).Append("\" rows=\"4\" maxlength=\"")
                        .Append(SurveyAnswerParser.MaxCommentLength).Append("\">").Append(H(earlier ?? "")).Append("</textarea></div>\n");
                    break;
            }
        }
        body.Append("<button type=\"submit\">").Append(H(Submit.In(l))).Append("</button>\n")
            .Append("<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>\n</form>\n")
            .Append("<p class=\"hint\">").Append(H(Privacy.In(l))).Append("</p>\n");
        return Page(l, Heading.In(l), body.ToString(), form.Preselected, script: true);
    }

    public static string ThankYou(Language l) => Page(l, ThanksTitle.In(l), $"<p>{H(ThanksBody.In(l))}</p>\n", null, script: false, switcher: false);

    public static string Closed(Language l) => Page(l, ClosedTitle.In(l), $"<p>{H(ClosedBody.In(l))}</p>\n", null, script: false);

    /// <summary>Storage refused or was too busy for the answers: nothing was saved, and the person is asked to send them again.</summary>
    public static string NotSaved(Language l) => Page(l, Title.In(l), $"<p>{H(NotSavedBody.In(l))}</p>\n", null, script: false, switcher: false);

    public static string Expired(Language l) => Page(l, Title.In(l), $"<p>{H(FormExpired.In(l))}</p>\n", null, script: false, switcher: false);

    /// <summary>A link that does not verify, in both languages, saying nothing about why or whose it was.</summary>
    public static string Invalid() => Page(Language.En, "This link does not work",
        "<p>The link is damaged or too old. Nothing was saved. Use the link in your most recent survey email.</p>\n" +
        "<p lang=\"es\"><strong>Este enlace no funciona.</strong> El enlace está dañado o es muy antiguo. No se guardó nada. Use el enlace de su correo de encuesta más reciente.</p>\n",
        null, script: false, switcher: false);

    private static void Radio(StringBuilder body, string field, string value, string label, bool chosen, bool headline)
    {
        var id = $"{field}-{value}";
        body.Append("<div class=\"choice\"><input type=\"radio\" id=\"").Append(H(id)).Append("\" name=\"").Append(H(field)).Append("\" value=\"").Append(H(value)).Append('"')
            .Append(chosen ? " checked" : "").Append(headline ? " data-headline" : "").Append("><label for=\"").Append(H(id)).Append("\">").Append(H(label)).Append("</label></div>\n");
    }

    private static string Page(Language l, string heading, string body, int? preselected, bool script, bool switcher = true)
    {
        var lang = WireName<Language>.Of(l);
        var page = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n")
            .Append("<title>").Append(H(heading)).Append(" | ").Append(H(Title.In(l))).Append("</title>\n")
            .Append("<link rel=\"icon\" type=\"image/svg+xml\" href=\"").Append(PageAssets.Url(PageAssets.Icon)).Append("\">\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(PageAssets.Url(PageAssets.Style)).Append("\">\n");
        if (script) page.Append("<script src=\"").Append(PageAssets.Url(PageAssets.Script)).Append("\" defer></script>\n");
        page.Append("</head>\n<body>\n<header>\n<p class=\"brand\">").Append(H(Title.In(l))).Append("</p>\n");
        if (switcher)
        {
            // Relative links keep the token (it is in the path) and only change the query.
            var a = preselected is { } p ? $"a={p}&" : "";
            page.Append("<nav aria-label=\"").Append(H(LanguageLabel.In(l))).Append("\"><ul class=\"languages\">")
                .Append(l == Language.En ? "<li><a aria-current=\"true\" lang=\"en\" href=\"?" : "<li><a lang=\"en\" href=\"?").Append(H(a)).Append("lang=en\">English</a></li>")
                .Append(l == Language.Es ? "<li><a aria-current=\"true\" lang=\"es\" href=\"?" : "<li><a lang=\"es\" href=\"?").Append(H(a)).Append("lang=es\">Español</a></li>")
                .Append("</ul></nav>\n");
        }
        page.Append("</header>\n<main id=\"main\">\n<h1>").Append(H(heading)).Append("</h1>\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
