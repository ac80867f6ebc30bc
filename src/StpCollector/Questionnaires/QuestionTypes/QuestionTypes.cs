using System.Text.Json;
using System.Text.Json.Serialization;

namespace StpCollector.Questionnaires;

/// <summary>Every question type StpCollector knows: each concrete <see cref="QuestionType"/> in this assembly, found once.</summary>
internal static class QuestionTypes
{
    private static readonly Dictionary<string, QuestionType> ByName = typeof(QuestionType).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(QuestionType)) && !t.IsAbstract)
        .Select(t => (QuestionType)Activator.CreateInstance(t, nonPublic: true)!)
        .ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The names a questionnaire file may use, in alphabetical order.</summary>
    public static IReadOnlyList<string> Names { get; } = ByName.Keys.Order(StringComparer.Ordinal).ToList();

    public static QuestionType? Find(string name) => ByName.GetValueOrDefault(name);

    public static QuestionType Named(string name) =>
        Find(name) ?? throw new ArgumentException($"'{name}' is not a question type. Use one of: {string.Join(", ", Names)}.", nameof(name));
}

/// <summary>A question type is written as its name, as in questionnaire files.</summary>
internal sealed class QuestionTypeJson : JsonConverter<QuestionType>
{
    public override QuestionType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        QuestionTypes.Find(reader.GetString() ?? "") ?? throw new JsonException($"'{reader.GetString()}' is not a question type.");

    public override void Write(Utf8JsonWriter writer, QuestionType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name);
}
