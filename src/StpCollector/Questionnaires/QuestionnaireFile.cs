using System.Text.Json;
using System.Text.RegularExpressions;
using StpCollector.Shared;

namespace StpCollector.Questionnaires;

/// <summary>Reads one questionnaire definition and reports every problem with file and question.</summary>
internal static partial class QuestionnaireFile
{
    private sealed record OptionDto(string? Code, string? Label);

    private sealed record QuestionDto(string? Id, string? Text, string? Help, string? Type, List<JsonElement>? Options, bool? Required, decimal? Min, decimal? Max);

    private sealed record QuestionnaireDto(string? Id, int? Version, string? Title, string? Introduction, List<QuestionDto>? Questions);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static Questionnaire Load(string file)
    {
        QuestionnaireDto dto;
        try
        {
            dto = JsonSerializer.Deserialize<QuestionnaireDto>(File.ReadAllText(file), Json) ?? throw new JsonException("the file is empty");
        }
        catch (JsonException e)
        {
            throw Problem(file, $"is not valid JSON{(e.LineNumber is { } line ? $" near line {line + 1}" : "")}: {e.Message.Split(" Path:")[0]}");
        }

        if (string.IsNullOrWhiteSpace(dto.Id) || !IdShape().IsMatch(dto.Id))
            throw Problem(file, "needs an \"id\" made of lower-case letters, digits and hyphens, e.g. \"stp-local-government-involvement\".");
        if (string.IsNullOrWhiteSpace(dto.Title))
            throw Problem(file, "needs a \"title\".");
        if (dto.Questions is not { Count: > 0 })
            throw Problem(file, "has no questions.");

        var questions = new List<Question>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < dto.Questions.Count; i++)
        {
            var question = ToQuestion(file, i + 1, dto.Questions[i]);
            if (!seen.Add(question.Id))
                throw Problem(file, $"question {question.Id} appears twice. Each question needs its own id.");
            questions.Add(question);
        }

        return new Questionnaire(dto.Id, dto.Version ?? 1, dto.Title.Trim(), dto.Introduction?.Trim() ?? "", questions, file);
    }

    private static Question ToQuestion(string file, int position, QuestionDto q)
    {
        var where = $"question {(string.IsNullOrWhiteSpace(q.Id) ? $"#{position}" : q.Id)}";
        if (string.IsNullOrWhiteSpace(q.Id) || !QuestionIdShape().IsMatch(q.Id))
            throw Problem(file, $"{where} needs an \"id\" like \"Q{position}\".");
        if (string.IsNullOrWhiteSpace(q.Text))
            throw Problem(file, $"{where} has no \"text\".");
        if (q.Type is null || QuestionTypes.Find(q.Type) is not { } type)
            throw Problem(file, $"{where} has type \"{q.Type}\", which is not known. Use one of: {string.Join(", ", QuestionTypes.Names)}.");

        var options = (q.Options ?? []).Select((o, n) => ToOption(file, where, n + 1, o)).ToList();
        if (type.NeedsOptions && options.Count == 0)
            throw Problem(file, $"{where} is a {q.Type} question but lists no options.");
        var duplicate = options.GroupBy(o => o.Code, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw Problem(file, $"{where} lists option \"{duplicate.Key}\" more than once.");
        if (q.Min is { } min && q.Max is { } max && min > max)
            throw Problem(file, $"{where} has min {min} above max {max}.");
        return new Question(q.Id.ToUpperInvariant(), q.Text.Trim(), q.Help?.Trim(), type, options, q.Required ?? false, q.Min, q.Max);
    }

    private static QuestionOption ToOption(string file, string where, int position, JsonElement element)
    {
        var option = element.ValueKind switch
        {
            JsonValueKind.String => new OptionDto(Slug(element.GetString()!), element.GetString()),
            JsonValueKind.Object => element.Deserialize<OptionDto>(Json),
            _ => null,
        };
        if (option is null || string.IsNullOrWhiteSpace(option.Label))
            throw Problem(file, $"{where}: option {position} is empty. Give each option a label (and optionally a code).");
        var code = string.IsNullOrWhiteSpace(option.Code) ? Slug(option.Label) : option.Code.Trim();
        return new QuestionOption(code, option.Label.Trim());
    }

    public static string Slug(string label) => NonWord().Replace(label.Trim().ToLowerInvariant(), "_").Trim('_');

    private static InvalidInputProblem Problem(string file, string message) =>
        new($"Questionnaire {file}: {message}", field: file);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdShape();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,15}$")]
    private static partial Regex QuestionIdShape();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}
