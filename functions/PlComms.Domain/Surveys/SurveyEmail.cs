using System.Net;
using System.Text;
using PlComms.Delivery;
using PlComms.Messages;
using PlComms.Shared;

namespace PlComms.Surveys;

/// <summary>
/// The survey email: the headline question with five one-click answers, a link to the whole survey, the plain-text
/// part and the unsubscribe footer (stream <c>surveys</c>). Each answer links to <see cref="EmailContent.SurveyUrlPlaceholder"/>
/// with <c>?a=N</c>: the page that opens shows the answer chosen and records it only when the person submits (or the
/// page does, once a person is plainly there). The HTML is tables with inline styles, the one layout Outlook and Gmail
/// both render; the answers stack, so they fit a phone.
/// </summary>
public static class SurveyEmail
{
    private static readonly LocalizedText Subject = new("A quick question from the district", "Una pregunta rápida del distrito");

    private static readonly LocalizedText ReminderSubject = new("Reminder: a quick question from the district", "Recordatorio: una pregunta rápida del distrito");

    private static readonly LocalizedText Intro = new(
        "We want to know how our news about the change in learning is reaching you. Tap one answer. It takes a few seconds.",
        "Queremos saber si le llegan bien nuestras noticias sobre el cambio en el aprendizaje. Toque una respuesta. Solo toma unos segundos.");

    private static readonly LocalizedText WholeSurvey = new("Answer all {0} questions", "Contestar las {0} preguntas");

    private static readonly LocalizedText Closes = new("The survey is open until {0}.", "La encuesta está abierta hasta el {0}.");

    private static readonly LocalizedText Private = new(
        "Your answers are not shown with your name. The district sees only group results.",
        "Sus respuestas no se muestran con su nombre. El distrito solo ve resultados de grupo.");

    /// <summary>The link of one answer (or, with null, of the whole survey) in a content language.</summary>
    public static string AnswerLink(int? answer, Language language) =>
        $"{EmailContent.SurveyUrlPlaceholder}?{(answer is { } a ? $"a={a}&" : "")}lang={WireName<Language>.Of(language)}";

    /// <param name="reminder">A reminder to someone who has not answered: the same email under a reminder subject.</param>
    public static EmailContent Render(SurveyDefinition survey, Language language, DateTimeOffset closesAt, bool reminder = false)
    {
        var subject = (reminder ? ReminderSubject : Subject).In(language);
        var lang = WireName<Language>.Of(language);
        var question = survey.Headline.Text.In(language);
        var closes = string.Format(Closes.In(language), SurveyDates.Long(closesAt, language));
        var whole = string.Format(WholeSurvey.In(language), survey.QuestionIds.Count);

        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\">\n<head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(H(subject)).Append("</title></head>\n")
            .Append("<body style=\"margin:0;padding:0;background:#f4f4f4\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background:#f4f4f4\"><tr><td align=\"center\" style=\"padding:16px\">\n")
            .Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"max-width:480px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#222222\">\n")
            .Append("<tr><td style=\"padding:20px 20px 8px 20px;font-size:16px;line-height:24px\">").Append(H(Intro.In(language))).Append("</td></tr>\n")
            .Append("<tr><td style=\"padding:8px 20px 12px 20px;font-size:20px;line-height:28px;font-weight:bold\">").Append(H(question)).Append("</td></tr>\n");
        var text = new StringBuilder().Append(Intro.In(language)).Append("\n\n").Append(question).Append('\n');
        // Strongly agree first: the order people read a scale in, top to bottom, on every screen size.
        for (var value = LikertScale.Max; value >= LikertScale.Min; value--)
        {
            var label = QuestionBank.ScaleLabel(value).In(language);
            var link = AnswerLink(value, language);
            html.Append("<tr><td style=\"padding:4px 20px\"><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>")
                .Append("<td align=\"center\" bgcolor=\"#1f4e79\" style=\"border-radius:4px\">")
                .Append("<a href=\"").Append(H(link)).Append("\" style=\"display:block;padding:12px 16px;font-size:16px;line-height:20px;color:#ffffff;text-decoration:none;font-weight:bold\">")
                .Append(H(label)).Append("</a></td></tr></table></td></tr>\n");
            text.Append("- ").Append(label).Append(": ").Append(link).Append('\n');
        }
        html.Append("<tr><td style=\"padding:16px 20px 4px 20px;font-size:16px;line-height:24px\"><a href=\"").Append(H(AnswerLink(null, language)))
            .Append("\" style=\"color:#1f4e79\">").Append(H(whole)).Append("</a></td></tr>\n")
            .Append("<tr><td style=\"padding:4px 20px 20px 20px;font-size:14px;line-height:20px;color:#555555\">").Append(H(closes)).Append(' ').Append(H(Private.In(language))).Append("</td></tr>\n")
            .Append("</table>\n</td></tr></table>\n</body>\n</html>\n");
        text.Append('\n').Append(whole).Append(": ").Append(AnswerLink(null, language)).Append("\n\n").Append(closes).Append(' ').Append(Private.In(language)).Append('\n');

        return EmailFooter.Append(subject, html.ToString(), text.ToString(), language, MessageStream.Surveys);
    }

    private static string H(string s) => WebUtility.HtmlEncode(s);
}
