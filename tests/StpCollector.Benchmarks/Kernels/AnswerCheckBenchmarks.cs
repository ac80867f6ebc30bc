using BenchmarkDotNet.Attributes;
using StpCollector.Benchmarks.Generators;
using StpCollector.Ingestion;
using StpCollector.Questionnaires;

namespace StpCollector.Benchmarks.Kernels;

/// <summary>
/// The bulk import's per-row validation: AnswerNormaliser.Check over the answers the import generator writes
/// (one block of 16 questions per council), so the mix of types is the benchmark file's.
/// </summary>
[MemoryDiagnoser]
public class AnswerCheckBenchmarks
{
    private (Question Question, string Raw)[] answers = [];

    [GlobalSetup]
    public void Setup()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "config", "questionnaires", "stp-local-government-involvement.json");
        var questionnaire = QuestionnaireFile.Load(file);
        var random = new Random(7);
        answers = Enumerable.Range(0, 1600)
            .Select(i => questionnaire.Questions[i % questionnaire.Questions.Count])
            .Select(q => (q, AnswerSamples.For(q, random)))
            .ToArray();
    }

    /// <summary>1,600 answers (100 councils' returns); divide by 1,600 for the cost of one.</summary>
    [Benchmark]
    public int Check1600Answers()
    {
        var valid = 0;
        foreach (var (question, raw) in answers)
            if (AnswerNormaliser.Check(question, raw).Status == AnswerStatus.Valid)
                valid++;
        return valid;
    }
}
