using System.Text.Json;
using StpCollector.Cli;
using StpCollector.Questionnaires;

namespace StpCollector.Tests.Questionnaires;

public sealed class QuestionTypesTests
{
    [Test]
    public void Each_type_is_found_by_the_name_questionnaires_use()
    {
        Assert.That(QuestionTypes.Names, Is.SupersetOf(new[] { "yes_no_partly", "single_choice", "multi_choice", "scale", "number", "percent", "text", "url" }));
        foreach (var name in QuestionTypes.Names)
            Assert.That(QuestionTypes.Named(name).Name, Is.EqualTo(name));
        Assert.That(QuestionTypes.Find("date_time"), Is.Null);
    }

    [Test]
    public void A_type_is_written_as_its_name_and_equals_any_instance_of_itself()
    {
        var question = new Question("Q1", "Has it?", null, new YesNoPartlyQuestion(), [], true, null, null);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(question, Output.JsonOptions));
        Assert.That(json.RootElement.GetProperty("type").GetString(), Is.EqualTo("yes_no_partly"));
        Assert.That(question with { Type = QuestionTypes.Named("yes_no_partly") }, Is.EqualTo(question));
    }

    [Test]
    public void The_stock_questionnaire_uses_only_known_types()
    {
        var file = Path.Combine(TestContext.CurrentContext.TestDirectory, "config", "questionnaires", "stp-local-government-involvement.json");
        Assume.That(File.Exists(file), $"{file} is copied beside the tests");
        var questionnaire = QuestionnaireFile.Load(file);
        Assert.That(questionnaire.Questions.Select(q => q.Type.Name).Distinct(), Is.SubsetOf(QuestionTypes.Names));
    }
}
