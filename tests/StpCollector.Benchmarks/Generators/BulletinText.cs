using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Utils;

namespace StpCollector.Benchmarks.Generators;

/// <summary>The body of a network bulletin as members receive it: intro, key messages, FAQ answers, one chart.</summary>
public static class BulletinText
{
    private static readonly (string Question, string Answer)[] Faq =
    [
        ("Are social care pressures recognised in the plans?",
            "Some two-thirds of submissions acknowledged the funding pressures on social care, though fewer set out how the gap would be closed. Councils in London reported this more often than elsewhere in England."),
        ("Do footprints want a single control total?",
            "Over a third of footprints asked for a single control total across their NHS organisations. Councils asked how a control total would interact with the better care fund and with the social care precept."),
        ("How much is spent on prevention?",
            "One STP ringfences 4% of NHS STP spend for prevention; most plans give no figure. Directors of public health asked for the return on investment of prevention to be modelled alongside the acute sector's savings."),
        ("Which new funding sources are being explored?",
            "One Public Estate, housing on NHS sites and social impact bonds were the sources most often named; a few plans mention council capital investment alongside the estates strategy."),
        ("Who represents councils on programme boards?",
            "Chief executives most often, then directors of adult social services and of public health; political members sit on fewer than half of the boards that responded."),
    ];

    public static MimeMessage Message(int subscriber, byte[] chartPng)
    {
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress($"Network member {subscriber}", $"member{subscriber}@network-{subscriber % 97}.gov.test"));
        message.Subject = "STP network bulletin: November 2026";
        message.Headers.Add("List-Unsubscribe", $"<mailto:returns+s{subscriber}-unsub@lga.test?subject=unsubscribe>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        var builder = new BodyBuilder();
        var chart = builder.LinkedResources.Add("involvement.png", chartPng, new ContentType("image", "png"));
        chart.ContentId = MimeUtils.GenerateMessageId("lga.test");
        builder.TextBody = Text();
        builder.HtmlBody = Html(chart.ContentId);
        message.Body = builder.ToMessageBody();
        return message;
    }

    private static string Text()
    {
        var text = new StringBuilder();
        text.AppendLine("STP network bulletin: November 2026").AppendLine();
        text.AppendLine("Welcome to this month's bulletin for council chief executives and STP leads. It brings the latest figures from the network's survey rounds, the key messages from the principal advisers, and answers to the questions members ask most often.").AppendLine();
        for (var section = 1; section <= 4; section++)
        {
            text.AppendLine($"Key messages, part {section}").AppendLine();
            foreach (var (question, answer) in Faq)
                text.AppendLine($"* {question}").AppendLine($"  {answer}").AppendLine();
        }

        text.AppendLine("Involvement in leadership discussions (all councils answering, n = 143): closely involved 31%, consulted 38%, informed only 22%, shut out 9%.");
        return text.ToString();
    }

    private static string Html(string chartId)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>STP network bulletin</title>");
        html.Append("<style>body{font-family:Arial,sans-serif;max-width:680px;margin:auto}h2{color:#1d4f91}table{border-collapse:collapse}td,th{padding:4px 8px;border:1px solid #ccc}</style></head><body>");
        html.Append("<h1>STP network bulletin: November 2026</h1><p>Welcome to this month's bulletin for council chief executives and STP leads.</p>");
        html.Append("<ul class=\"quick-links\"><li><a href=\"https://www.local.gov.test/stp\">STP resources</a></li><li><a href=\"https://www.local.gov.test/ope\">One Public Estate</a></li><li><a href=\"https://www.local.gov.test/integration\">Integration readiness tool</a></li></ul>");
        html.Append($"<figure><img src=\"cid:{chartId}\" alt=\"Involvement in leadership discussions: closely involved 31%, consulted 38%, informed only 22%, shut out 9%\" width=\"640\" height=\"360\"><figcaption>Involvement in STP leadership discussions, n = 143</figcaption></figure>");
        for (var section = 1; section <= 4; section++)
        {
            html.Append($"<h2>Key messages, part {section}</h2>");
            foreach (var (question, answer) in Faq)
                html.Append($"<h3>{WebUtility.HtmlEncode(question)}</h3><p>{WebUtility.HtmlEncode(answer)}</p>");
            html.Append("<table><tr><th>Region</th><th>Closely involved</th><th>Shut out</th><th>n</th></tr><tr><td>London</td><td>52%</td><td>3%</td><td>31</td></tr><tr><td>Rest of England</td><td>25%</td><td>11%</td><td>112</td></tr></table>");
        }

        html.Append("<p><a href=\"mailto:returns+unsubscribe@lga.test?subject=unsubscribe\">Unsubscribe</a></p></body></html>");
        return html.ToString();
    }
}
