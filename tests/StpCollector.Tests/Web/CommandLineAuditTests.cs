using System.Text.Json;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>Changes made from the command line are in the audit log beside the console's: who (the OS user), what, which record.</summary>
public sealed class CommandLineAuditTests
{
    [Test]
    public async Task A_change_from_the_command_line_is_audited_with_the_os_user_and_a_read_or_a_refused_change_is_not()
    {
        using var data = new TempDataDir();
        var added = await AppProcess.RunAsync(["users", "add", "jo@lga.test", "--role", "officer", "--data-dir", data.Path]);
        Assert.That(added.ExitCode, Is.Zero, added.Stderr);
        Assert.That(added.Stdout, Does.Contain("One-time password (shown only now):"));
        var duplicate = await AppProcess.RunAsync(["users", "add", "JO@lga.test", "--role", "officer", "--data-dir", data.Path]);
        Assert.That(duplicate.ExitCode, Is.Not.Zero);
        Assert.That(duplicate.Stderr, Does.Contain("There is already an account for JO@lga.test"));
        var badRole = await AppProcess.RunAsync(["users", "role", "jo@lga.test", "boss", "--data-dir", data.Path]);
        Assert.That((badRole.ExitCode, badRole.Stderr.Trim()), Is.EqualTo((2, "'boss' is not a role. Choose one of: viewer, officer, approver, admin.")));
        await AppProcess.RunAsync(["users", "list", "--data-dir", data.Path]);
        var disabled = await AppProcess.RunAsync(["users", "disable", "jo@lga.test", "--data-dir", data.Path]);
        Assert.That(disabled.ExitCode, Is.Zero, disabled.Stderr);

        var audit = await AppProcess.RunAsync(["audit", "list", "--json", "--data-dir", data.Path]);
        Assert.That(audit.ExitCode, Is.Zero, audit.Stderr);
        var entries = JsonDocument.Parse(audit.Stdout).RootElement.EnumerateArray().ToList();
        Assert.That(entries.Select(e => e.GetProperty("action").GetString()), Is.EqualTo(new[] { "users disable", "users add" }), "newest first; reads and refusals leave no entry");
        Assert.That(entries.Select(e => e.GetProperty("actor").GetString()).Distinct(), Is.EqualTo(new[] { $"cli:{Environment.UserName}" }));
        Assert.That(entries[1].GetProperty("recordId").GetString(), Is.EqualTo("jo@lga.test"));
        Assert.That(entries[1].GetProperty("detail").GetString(), Is.EqualTo("jo@lga.test --role officer"), "the arguments, without --data-dir");
        Assert.That(entries[1].GetProperty("channel").GetString(), Is.EqualTo("cli"));
    }
}
