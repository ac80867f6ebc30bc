using System.Text.Json;
using StpCollector.Shared;

namespace StpCollector.Questionnaires;

/// <summary>
/// The questionnaires staff keep in config/questionnaires/*.json, read and checked once per process.
/// A faulty definition stops with a message naming the file and the question.
/// </summary>
internal sealed class QuestionnaireCatalog(AppPaths paths)
{
    private readonly Lazy<IReadOnlyDictionary<string, Questionnaire>> all = new(() => LoadAll(paths.QuestionnairesDir));

    public IReadOnlyCollection<Questionnaire> All => all.Value.Values.OrderBy(q => q.Id, StringComparer.Ordinal).ToList();

    public Questionnaire Get(string id) =>
        all.Value.TryGetValue(id, out var questionnaire)
            ? questionnaire
            : throw new NotFoundProblem(
                $"There is no questionnaire '{id}'. Known: {string.Join(", ", all.Value.Keys.Order())} (in {paths.QuestionnairesDir}).", field: "questionnaire");

    public Questionnaire? Find(string id) => all.Value.GetValueOrDefault(id);

    private static Dictionary<string, Questionnaire> LoadAll(string folder)
    {
        var result = new Dictionary<string, Questionnaire>(StringComparer.OrdinalIgnoreCase);
        if (!Directory.Exists(folder))
            return result;
        foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var questionnaire = QuestionnaireFile.Load(file);
            if (result.TryGetValue(questionnaire.Id, out var other))
                throw new UnavailableProblem($"{file}: questionnaire id '{questionnaire.Id}' is also used by {other.SourceFile}. Give each questionnaire its own id.");
            result[questionnaire.Id] = questionnaire;
        }

        return result;
    }
}
