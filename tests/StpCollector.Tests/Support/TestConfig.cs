using System.Text.Json.Nodes;

namespace StpCollector.Tests.Support;

/// <summary>Writes "Section:Key" settings as a --config JSON file.</summary>
internal static class TestConfig
{
    public static string Write(TempDataDir dir, IDictionary<string, string?> settings)
    {
        var root = new JsonObject();
        foreach (var (key, value) in settings)
        {
            var parts = key.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
                node = (JsonObject)(node[part] ??= new JsonObject());
            node[parts[^1]] = value;
        }

        var file = dir.File("test-settings-" + Guid.NewGuid().ToString("N")[..6] + ".json");
        File.WriteAllText(file, root.ToJsonString());
        return file;
    }
}
