using Microsoft.Extensions.DependencyInjection;
using StpCollector.Ingestion;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Ingestion;

public sealed class DropFolderTests
{
    [Test]
    public async Task The_mailbox_sweep_in_drop_folder_mode_ingests_eml_csv_and_junk_and_files_each_by_outcome()
    {
        using var world = await IngestionWorld.StartAsync();
        var roundId = await world.CreateRoundAsync("STP-R2", ["E09000007", "E09000012"]);
        var inbox = Path.Combine(world.Data.Path, "mail", "inbox");
        Directory.CreateDirectory(inbox);
        var values = new Dictionary<string, string> { ["ROUND"] = "STP-R2", ["TOKEN_ADDRESS"] = world.TokenAddress(roundId, "E09000007") };
        File.WriteAllBytes(Path.Combine(inbox, "reply.eml"), IngestionWorld.Fill("outlook-top-posted.eml", values));
        File.WriteAllBytes(Path.Combine(inbox, "hackney.csv"), File.ReadAllBytes(IngestionWorld.Resource("windows-1252-wide.csv")));
        File.WriteAllBytes(Path.Combine(inbox, "stranger.eml"), IngestionWorld.Fill("unknown-sender.eml", values));
        File.WriteAllText(Path.Combine(inbox, "notes.docx"), "PK not really");
        File.WriteAllText(Path.Combine(inbox, ".half-written.eml"), "From: x");

        await world.Services.GetRequiredService<MailboxPollSweep>().RunAsync(CancellationToken.None);

        string[] In(string folder) => Directory.Exists(Path.Combine(world.Data.Path, "mail", folder))
            ? Directory.GetFiles(Path.Combine(world.Data.Path, "mail", folder)).Select(f => Path.GetFileName(f)).Order().ToArray()
            : [];
        Assert.That(In("processed"), Is.EqualTo(new[] { "hackney.csv", "reply.eml" }));
        Assert.That(In("held"), Is.EqualTo(new[] { "stranger.eml" }));
        Assert.That(In("failed"), Is.EqualTo(new[] { "notes.docx" }));
        Assert.That(In("inbox"), Is.EqualTo(new[] { ".half-written.eml" }), "files still being written are left alone");
        Assert.That((await world.CurrentAnswersAsync(roundId, "E09000012"))["Q5"].Value, Is.EqualTo("consulted"));
        Assert.That(await world.ScalarAsync<string>("SELECT reason FROM inbound_messages WHERE source_name LIKE '%notes.docx'"), Does.Contain("only .eml, .csv and .xlsx"));
    }
}
