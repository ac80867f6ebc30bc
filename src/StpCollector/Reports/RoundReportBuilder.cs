using System.Data.Common;
using Microsoft.Extensions.Options;
using StpCollector.Questionnaires;
using StpCollector.Rounds;
using StpCollector.Storage;

namespace StpCollector.Reports;

/// <summary>Builds a round's report: response rate, every question's figures, the chosen breakdown and the change since the previous round.</summary>
internal sealed class RoundReportBuilder(Database database, QuestionnaireCatalog catalog, IOptions<ReportOptions> options)
{
    public const string London = "London";
    public const string RestOfEngland = "Rest of England";

    public Task<RoundReport> BuildAsync(string round, ReportBreakdown by, CancellationToken cancellationToken = default) =>
        BuildAsync(round, by, withFoi: null, cancellationToken);

    /// <summary>With an FoI batch, the report also compares the round's answers with the batch's, question by question.</summary>
    public async Task<RoundReport> BuildAsync(string round, ReportBreakdown by, long? withFoi, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var summary = await ReportRounds.GetAsync(connection, round);
        // Checked first: a batch that cannot be combined is refused before any figures are worked out.
        var comparison = withFoi is { } batch ? await FoiComparison.BuildAsync(connection, summary, catalog.Get(summary.QuestionnaireId), batch) : null;
        return await BuildAsync(connection, summary, by) with { Foi = comparison };
    }

    public async Task<RoundReport> BuildAsync(DbConnection connection, Round round, ReportBreakdown by)
    {
        var questionnaire = catalog.Get(round.QuestionnaireId);
        var data = await ReportData.LoadAsync(connection, round.Id, by);
        var previous = await Round.PreviousAsync(connection, round);
        var before = previous is null ? null : await ReportData.LoadAsync(connection, previous.Id, by);

        var matcher = new ThemeMatcher(options.Value);
        // London and the rest of England are always both shown, even when one has no returns yet.
        IReadOnlyList<string> groups = by == ReportBreakdown.Region ? [London, RestOfEngland] : data.Groups;
        var questions = questionnaire.Questions.Select(q => BuildQuestion(q, data, before, groups, matcher)).ToList();
        var responded = data.Audience.Count(data.Responded.Contains);
        var rate = Rate(data);
        var rateChange = before is not null && rate is not null && Rate(before) is { } previousRate ? rate - previousRate : null;
        return new RoundReport(round, previous, data.Audience.Count, responded, rate, rateChange, by, questions);
    }

    private static decimal? Rate(ReportData data) =>
        data.Audience.Count == 0 ? null : QuestionAggregator.Percent(data.Audience.Count(data.Responded.Contains), data.Audience.Count);

    private static QuestionReport BuildQuestion(Question question, ReportData data, ReportData? before, IReadOnlyList<string> groupNames, ThemeMatcher matcher)
    {
        GroupFigures Figures(string group) =>
            QuestionAggregator.WithChange(
                QuestionAggregator.Aggregate(group, question, data.CountsFor(group, question.Id)),
                before is null ? null : QuestionAggregator.Aggregate(group, question, before.CountsFor(group, question.Id)));

        var all = Figures(ReportData.All);
        var groups = groupNames.Select(Figures).ToList();
        var themes = question.Type.IsFreeText
            ? matcher.Match(data.CountsFor(ReportData.All, question.Id).Select(a => (a.Value ?? "", a.Councils)))
            : [];
        return new QuestionReport(question.Id, question.Text, question.Type.Name, all, groups, themes);
    }
}
