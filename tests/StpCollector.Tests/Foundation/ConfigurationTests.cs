using StpCollector.Tests.Support;

namespace StpCollector.Tests.Foundation;

public sealed class ConfigurationTests
{
    [Test]
    public async Task A_port_that_is_not_a_number_exits_2_naming_the_key()
    {
        using var data = new TempDataDir();
        var (exit, stdout, stderr) = await AppProcess.RunAsync(["councils", "list", "--data-dir", data.Path],
            new Dictionary<string, string> { ["STPCOLLECTOR__Mail__Smtp__Port"] = "abc" });

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr, Does.Contain("Mail:Smtp:Port").And.Contain("'abc'").And.Not.Contain("   at "));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Two_wrong_settings_are_both_reported_one_line_each()
    {
        using var data = new TempDataDir();
        var (exit, stdout, stderr) = await AppProcess.RunAsync(["councils", "list", "--data-dir", data.Path],
            new Dictionary<string, string>
            {
                ["STPCOLLECTOR__Mail__Smtp__Port"] = "abc",
                ["STPCOLLECTOR__Mail__FromAddress"] = "not-an-address",
                ["STPCOLLECTOR__Outbox__Connections"] = "0",
            });

        Assert.That(exit, Is.EqualTo(2));
        var lines = stderr.Trim().Split('\n').Select(l => l.Trim()).ToArray();
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines, Has.Some.StartsWith("Configuration error: Mail:Smtp:Port = 'abc' is not a valid whole number"));
        Assert.That(lines, Has.Some.StartsWith("Configuration error: Mail:FromAddress 'not-an-address'"));
        Assert.That(lines, Has.Some.StartsWith("Configuration error: Outbox:Connections must be between 1 and 32"));
        Assert.That(stderr, Does.Not.Contain("   at "));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Smtp_without_a_host_exits_2_naming_the_key()
    {
        using var data = new TempDataDir();
        var config = data.Write("override.json", """{ "Mail": { "Outbound": "Smtp" } }""");

        var (exit, _, stderr) = await AppProcess.RunAsync(["run", "--once", "--config", config, "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr.Trim(), Does.StartWith("Configuration error: Mail:Smtp:Host is empty"));
    }

    [Test]
    public async Task An_unknown_choice_lists_the_valid_ones()
    {
        using var data = new TempDataDir();
        var (exit, _, stderr) = await AppProcess.RunAsync(["councils", "list", "--data-dir", data.Path],
            new Dictionary<string, string> { ["STPCOLLECTOR__Mail__Outbound"] = "Pigeon" });

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("Mail:Outbound").And.Contain("Folder, Smtp"));
    }

    [Test]
    public async Task A_config_file_with_broken_json_exits_2()
    {
        using var data = new TempDataDir();
        var config = data.Write("broken.json", "{ \"Mail\": { \"Outbound\": }");

        var (exit, _, stderr) = await AppProcess.RunAsync(["councils", "list", "--config", config, "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("not valid JSON").And.Contain("broken.json"));
    }

    [Test]
    public async Task A_missing_config_file_exits_2()
    {
        using var data = new TempDataDir();
        var (exit, _, stderr) = await AppProcess.RunAsync(["councils", "list", "--config", data.File("nope.json"), "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("nope.json does not exist"));
    }

    [Test]
    public async Task An_unknown_verb_or_option_exits_2_with_a_pointer_to_help()
    {
        var (exit, _, stderr) = await AppProcess.RunAsync(["councils", "list", "--colour", "blue"]);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--colour").And.Contain("stpcollector councils list --help"));
    }
}
