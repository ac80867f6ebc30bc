using System.Globalization;
using Microsoft.Extensions.Options;
using StpCollector.Calendar;
using StpCollector.Reports;
using StpCollector.Shared;
using StpCollector.Storage;
using StpCollector.Templates;

namespace StpCollector.Bulletins;

/// <summary>
/// Builds a bulletin from the latest figures: the editorial with its placeholders filled, charts for the key questions,
/// the returns received since the last bulletin and the rounds open now, rendered through the HTML and text templates.
/// </summary>
internal sealed class BulletinComposer(
    Database database,
    RoundReportBuilder reports,
    BulletinEditorial editorial,
    FaqStore faq,
    TemplateRenderer templates,
    IOptions<BulletinOptions> options)
{
    public Task<BulletinDraft> BuildAsync(DateTimeOffset now, DateTimeOffset issueDate, CancellationToken cancellationToken = default) =>
        BuildAsync(now, issueDate, null, cancellationToken);

    /// <summary>With <paramref name="editorialText"/>, that editorial (a preview of unsaved text); otherwise the saved one, or the files.</summary>
    public async Task<BulletinDraft> BuildAsync(DateTimeOffset now, DateTimeOffset issueDate, EditorialMarkdown? editorialText,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var connection = await database.OpenAsync(cancellationToken);
        editorialText ??= (await EditorialStore.FindAsync(connection, null))?.Markdown;
        var round = await ReportRounds.LatestWithReturnsAsync(connection, settings.Questionnaire)
            ?? throw new ConflictProblem(
                $"No round of questionnaire '{settings.Questionnaire}' (Bulletins:Questionnaire) has any returns yet, so the bulletin has no figures to quote.", field: "Bulletins:Questionnaire");
        var report = await reports.BuildAsync(connection, round, ReportBreakdown.Region);
        var from = await BulletinStore.LastCoveredUntilAsync(connection, null) ?? now.AddDays(-settings.FirstLookbackDays);
        // New since the last bulletin; a cancelled round's returns and openings are not news.
        var returns = await RoundActivity.ReturnsRecordedAsync(connection, from, now);
        var opened = await RoundActivity.RoundsOpenedAsync(connection, from, now);
        var openRounds = (await RoundActivity.OpenRoundsAsync(connection))
            .Select(r => new OpenRound(r.Reference, r.Title, LondonTime.Describe(r.ClosesAt), r.Responded, r.Invited)).ToList();

        var london = LondonTime.ToLondon(issueDate);
        var date = london.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var month = london.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var figures = new
        {
            round = BulletinFigures.Round(report),
            q = BulletinFigures.Questions(report),
            bulletin = new Dictionary<string, object?> { ["date"] = date, ["month"] = month },
            new_returns = new Dictionary<string, object?> { ["count"] = returns.Count, ["since"] = LondonTime.Describe(from) },
            open_rounds = new Dictionary<string, object?> { ["count"] = openRounds.Count },
        };
        var subject = TemplateRenderer.RenderSource(settings.Subject, figures, "the setting Bulletins:Subject").Trim();
        var text = editorial.Render(figures, await faq.PublishedAsync(cancellationToken), editorialText);
        var charts = settings.ChartQuestions.Select(id => BulletinCharts.Draw(ChartQuestion(report, id))).ToList();

        var view = new BulletinView(
            new BulletinHeader("STP network bulletin", subject, date, month, report.Round.Reference, report.Round.Title,
                BulletinFigures.Whole(report.ResponseRate ?? 0), report.Responded, report.Invited, settings.FeedbackAddress),
            text.Intro,
            text.QuickLinks,
            text.Faq,
            charts.Select(c => new ChartView(c.QuestionId, c.Question, "cid:" + BulletinDraft.ContentId(c.FileName), c.Alt, c.N, c.LondonN, c.ElsewhereN, c.Rows)).ToList(),
            new ReturnsSince(LondonTime.Describe(from), returns.Count, returns
                .GroupBy(r => (r.Reference, r.Title))
                .Select(g => new RoundReturns(g.Key.Reference, g.Key.Title, g.Count(), Names(g.Select(r => r.Council).Distinct().ToList())))
                .ToList()),
            openRounds,
            UnsubscribeLinks.Placeholders(hasUrl: settings.UnsubscribeBaseUrl.Length > 0));
        var html = templates.Render("bulletin.html", view);
        var plain = templates.Render("bulletin.text", view);
        return new BulletinDraft(subject, html, plain, charts, round.Id, from, now, returns.Count, opened);
    }

    /// <summary>Names a dozen councils and counts the rest, so a busy month does not become a wall of names.</summary>
    private static string Names(IReadOnlyList<string> councils) =>
        councils.Count <= 12 ? string.Join(", ", councils) : $"{string.Join(", ", councils.Take(10))} and {councils.Count - 10} more";

    private static QuestionReport ChartQuestion(RoundReport report, string id)
    {
        var question = report.Find(id)
            ?? throw new InvalidInputProblem($"Bulletins:ChartQuestions names {id}, which questionnaire '{report.Round.QuestionnaireId}' does not have.", field: "Bulletins:ChartQuestions");
        if (question.All.Options.Count == 0)
            throw new InvalidInputProblem($"Bulletins:ChartQuestions names {id}, a {question.Type} question; charts are drawn for questions with answer options.", field: "Bulletins:ChartQuestions");
        return question;
    }
}
