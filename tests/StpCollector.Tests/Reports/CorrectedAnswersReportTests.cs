using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Reports;
using StpCollector.Rounds;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Reports;

/// <summary>A staff correction is the value reports and exports count; the latest correction wins; the council's answer stays stored.</summary>
public sealed class CorrectedAnswersReportTests
{
    [Test]
    public async Task The_report_and_the_export_answers_count_the_latest_correction_and_the_council_s_answer_is_kept()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync();
        var (_, round) = KnownRounds.Create(ReturnsBuilder.For(host));
        var database = host.Services.GetRequiredService<Database>();
        long hartlepool;
        await using (var connection = await database.OpenAsync())
            hartlepool = await connection.ExecuteScalarAsync<long>("SELECT id FROM returns WHERE round_id = @round AND council_code = @Hartlepool", new { round, KnownRounds.Hartlepool });
        var corrections = host.Services.GetRequiredService<AnswerCorrections>();

        await corrections.CorrectAsync(hartlepool, "q7", "Partly", "first reading of the call", 0, "a@lga.test", CancellationToken.None);
        await corrections.CorrectAsync(hartlepool, "Q7", "Yes.", "the lead confirmed by phone", 1, "b@lga.test", CancellationToken.None);

        var q7 = (await host.Services.GetRequiredService<RoundReportBuilder>().BuildAsync("STP-R2", ReportBreakdown.None)).Find("Q7")!;
        Assert.That((q7.All.N, q7.All.Option("yes")?.Count, q7.All.Option("no")?.Count ?? 0), Is.EqualTo((5, 4, 0)), "Hartlepool's no became yes");
        await using var reading = await database.OpenAsync();
        var answers = await CouncilAnswers.SurveyAsync(reading, round);
        Assert.That(answers.Find(KnownRounds.Hartlepool, "Q7") is { } a ? (a.Value, a.RawValue, a.Status) : default, Is.EqualTo(("yes", "Yes.", "valid")));
        Assert.That(await reading.ExecuteScalarAsync<string>("SELECT value FROM answers WHERE return_id = @hartlepool AND question_id = 'Q7'", new { hartlepool }),
            Is.EqualTo("no"), "what the council sent is never overwritten");
    }
}
