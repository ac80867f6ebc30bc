using System.Data.Common;
using StpCollector.Questionnaires;
using StpCollector.Rounds;

namespace StpCollector.Reports;

/// <summary>
/// A round's survey answers set against an FoI batch's answers to the same questionnaire, over the councils asked
/// both ways (InBoth). Per question: councils whose valid answers agree or disagree, and those answering only one way.
/// </summary>
internal sealed record FoiComparison(long BatchId, string BatchTitle, int RoundCouncils, int RequestedCouncils, int InBoth, IReadOnlyList<QuestionComparison> Questions)
{
    public QuestionComparison? Find(string questionId) =>
        Questions.FirstOrDefault(q => string.Equals(q.QuestionId, questionId, StringComparison.OrdinalIgnoreCase));

    public static async Task<FoiComparison> BuildAsync(DbConnection connection, Round round, Questionnaire questionnaire, long batchId)
    {
        var batch = await ReportFoiBatches.GetForRoundAsync(connection, batchId, round);
        var roundCouncils = await ReportFoiBatches.RoundCouncilsAsync(connection, round.Id);
        var requested = await ReportFoiBatches.RequestedCouncilsAsync(connection, batchId);
        var both = roundCouncils.Where(requested.Contains).ToList();
        var survey = await CouncilAnswers.SurveyAsync(connection, round.Id);
        var foi = await CouncilAnswers.FoiAsync(connection, batchId);
        var questions = questionnaire.Questions.Select(q =>
        {
            var sources = both.Select(c => AnswerSources.Of(q, survey.Find(c, q.Id), foi.Find(c, q.Id))).ToList();
            int Count(AnswerSource s) => sources.Count(x => x == s);
            return new QuestionComparison(q.Id, Count(AnswerSource.BothAgree), Count(AnswerSource.Conflict), Count(AnswerSource.Survey), Count(AnswerSource.Foi));
        }).ToList();
        return new FoiComparison(batch.Id, batch.Title, roundCouncils.Count, requested.Count, both.Count, questions);
    }
}

/// <summary>Agree and Disagree count councils with a valid answer both ways; SurveyOnly and FoiOnly those with one.</summary>
internal sealed record QuestionComparison(string QuestionId, int Agree, int Disagree, int SurveyOnly, int FoiOnly)
{
    public int BothAnswered => Agree + Disagree;
}
