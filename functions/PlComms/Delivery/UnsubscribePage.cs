using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace PlComms.Delivery;

/// <summary>
/// The pages a person sees from an unsubscribe link, in English and Spanish on one page (the token carries no
/// language). No script, no external resource; the one inline style is allowed by its hash in the CSP.
/// </summary>
public static class UnsubscribePage
{
    private const string Style = "body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}" +
                                 "button{font-size:1rem;padding:.6rem 1.2rem;border-radius:.3rem;border:1px solid #225;background:#235;color:#fff;cursor:pointer}" +
                                 "section+section{margin-top:2rem;border-top:1px solid #ccc;padding-top:1rem}";

    /// <summary>Strict CSP: nothing loads, forms post only back here, and no page may frame this one.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static string Confirm(MessageStream stream, string token) => Page(
        stream == MessageStream.Surveys ? "Stop survey emails?" : "Stop announcement emails?",
        stream == MessageStream.Surveys ? "¿Dejar de recibir encuestas por correo?" : "¿Dejar de recibir anuncios por correo?",
        Body(
            $"<p>Press the button to stop {(stream == MessageStream.Surveys ? "survey" : "announcement")} emails from the district. Opening this page changed nothing.</p>",
            $"<p>Pulse el botón para dejar de recibir {(stream == MessageStream.Surveys ? "encuestas" : "anuncios")} del distrito por correo. Abrir esta página no cambió nada.</p>")
        + $"<form method=\"post\" action=\"?token={WebUtility.HtmlEncode(token)}\"><button type=\"submit\">Unsubscribe / Cancelar suscripción</button></form>");

    public static string Done(MessageStream stream) => Page("You are unsubscribed", "Se canceló su suscripción", Body(
        $"<p>You will not get {(stream == MessageStream.Surveys ? "survey" : "announcement")} emails from the district any more. To change this, contact your school.</p>",
        $"<p>Ya no recibirá {(stream == MessageStream.Surveys ? "encuestas" : "anuncios")} del distrito por correo. Para cambiarlo, comuníquese con su escuela.</p>"));

    public static string Gone() => Page("Nothing to unsubscribe", "No hay nada que cancelar", Body(
        "<p>This address is no longer on the district's contact list, so it gets no email from us.</p>",
        "<p>Esta dirección ya no está en la lista de contactos del distrito, así que no recibe correos nuestros.</p>"));

    public static string Invalid() => Page("This link does not work", "Este enlace no funciona", Body(
        "<p>The link is damaged or too old. Nothing was changed. To stop emails, use the link in a recent email, or contact your school.</p>",
        "<p>El enlace está dañado o es muy antiguo. No se cambió nada. Para dejar de recibir correos, use el enlace de un correo reciente o comuníquese con su escuela.</p>"));

    private static string Body(string english, string spanish) => $"<section lang=\"en\">{english}</section><section lang=\"es\">{spanish}</section>";

    private static string Page(string title, string spanishTitle, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<meta name=\"robots\" content=\"noindex\"><title>{WebUtility.HtmlEncode(title)}</title><style>{Style}</style></head>\n<body>\n" +
        $"<h1>{WebUtility.HtmlEncode(title)}</h1><p lang=\"es\"><strong>{WebUtility.HtmlEncode(spanishTitle)}</strong></p>\n{body}\n</body>\n</html>\n";
}
