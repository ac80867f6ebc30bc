using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Contacts;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>
/// The FAQ in the database, through the real executable: the config/bulletins/faq files imported as published entries
/// (a changed file re-imported), a draft from feedback that quotes the points without names or councils, publish and
/// retire as the bulletin preview shows them.
/// </summary>
public sealed class FaqTests
{
    private static readonly Dictionary<string, string> Later = new() { ["STPCOLLECTOR__Clock__Now"] = "2026-12-02T09:30:00Z" };

    private const string Hartlepool = "stp.lead@hartlepool.gov.test";
    private const string Barnet = "stp.lead@barnet.gov.test";

    [Test]
    public async Task A_draft_from_two_feedback_items_quotes_both_points_anonymised_and_publish_and_retire_move_it_in_and_out_of_the_bulletin()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            await host.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
            KnownRounds.Create(ReturnsBuilder.For(host));
            await BulletinFixture.AddSubscribersAsync(host, [Hartlepool, Barnet]);
            await BulletinFixture.SendNowAsync(host);
            await BulletinFixture.ReplyAsync(host, data.Path, Hartlepool, "Re: bulletin", "Here in Hartlepool the reader stp.lead is unsure: do STPs cover county councils? <b>{{ bulletin.date }}</b>");
            await BulletinFixture.ReplyAsync(host, data.Path, Barnet, "Re: bulletin", "Barnet would like to know the same [click](javascript:alert(1)).");
        }

        SqliteConnection.ClearAllPools();
        string[] Dir(params string[] args) => [.. args, "--data-dir", data.Path];
        var draft = await AppProcess.RunAsync(Dir("faq", "draft", "--from-feedback", "1", "2", "--question", "Do STPs cover county councils?"), Later);
        var show = await AppProcess.RunAsync(Dir("faq", "show", "9"), Later);
        var attributed = await AppProcess.RunAsync(Dir("faq", "draft", "--from-feedback", "2", "--question", "Do STPs cover county councils?", "--attribute"), Later);
        var attributedShow = await AppProcess.RunAsync(Dir("faq", "show", "10", "--json"), Later);
        var beforePublish = await AppProcess.RunAsync(Dir("bulletin", "preview"), Later);
        var publish = await AppProcess.RunAsync(Dir("faq", "publish", "9"), Later);
        var again = await AppProcess.RunAsync(Dir("faq", "publish", "9"), Later);
        var published = await AppProcess.RunAsync(Dir("bulletin", "preview"), Later);
        var html = data.File("preview.html");
        await AppProcess.RunAsync(Dir("bulletin", "preview", "--out", html), Later);
        var retire = await AppProcess.RunAsync(Dir("faq", "retire", "9"), Later);
        var retired = await AppProcess.RunAsync(Dir("bulletin", "preview"), Later);
        var list = await AppProcess.RunAsync(Dir("faq", "list", "--status", "retired", "--json"), Later);
        var missing = await AppProcess.RunAsync(Dir("faq", "draft", "--from-feedback", "1", "77", "--question", "Q?"), Later);

        Assert.That(draft.ExitCode, Is.EqualTo(0), draft.Stderr);
        Assert.That(draft.Stdout, Does.StartWith("Drafted FAQ entry #9"), "after the eight imported from config/bulletins/faq");
        Assert.That(show.Stdout, Does.Contain("Status:   draft").And.Contain("Feedback: #1, #2")
            .And.Contain("A unitary council in the North East: \u201cHere in (council) the (name)")
            .And.Contain("A London borough: \u201c(council) would like to know the same")
            .And.Not.Contain("Hartlepool").And.Not.Contain("Barnet").And.Not.Contain("Yusuf"));
        Assert.That(attributedShow.Stdout, Does.Contain("Reader stp.lead, Barnet: \u201cBarnet would like"));
        Assert.That(beforePublish.Stdout, Does.Not.Contain("Do STPs cover county councils?"), "a draft is not in the bulletin");
        Assert.That(publish.ExitCode, Is.EqualTo(0), publish.Stderr);
        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(again.Stderr, Does.Contain("already published"));
        Assert.That(published.ExitCode, Is.EqualTo(0), published.Stderr);
        Assert.That(published.Stdout, Does.Contain("Do STPs cover county councils?\n(raised by 2 councils since ")
            .And.Contain("<b>{{ bulletin.date }}</b>").And.Contain("[click](javascript:alert(1))"), "members' words stay words, never Liquid or links");
        var page = await File.ReadAllTextAsync(html);
        Assert.That(page, Does.Contain("&lt;b&gt;{{ bulletin.date }}&lt;/b&gt;").And.Contain("Raised by 2 councils since").And.Not.Contain("href=\"javascript"));
        Assert.That(retire.ExitCode, Is.EqualTo(0), retire.Stderr);
        Assert.That(retired.Stdout, Does.Not.Contain("Do STPs cover county councils?"));
        Assert.That(JsonDocument.Parse(list.Stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()), Is.EqualTo(new[] { 9L }));
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("There is no feedback #77"));
    }

    [Test]
    public async Task The_faq_files_are_imported_once_and_a_changed_file_replaces_its_entry_s_text()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            KnownRounds.Create(ReturnsBuilder.For(host));
        var config = BulletinFixture.CopyConfig(data);
        var env = new Dictionary<string, string>(Later) { ["STPCOLLECTOR__Paths__Config"] = config };
        string[] Dir(params string[] args) => [.. args, "--data-dir", data.Path];

        var first = await AppProcess.RunAsync(Dir("faq", "list", "--json"), env);
        var edit = data.Write("answer.md", "## What support are councils asking of the LGA, now?\n\nEdited in the database.\n");
        await AppProcess.RunAsync(Dir("faq", "edit", "8", "--file", edit, "--position", "5"), env);
        var edited = await AppProcess.RunAsync(Dir("bulletin", "preview"), env);
        await AppProcess.RunAsync(Dir("faq", "list"), env); // an unchanged file does not undo the edit
        var stillEdited = await AppProcess.RunAsync(Dir("faq", "show", "8"), env);
        await File.WriteAllTextAsync(Path.Combine(config, "bulletins", "faq", "08-support.md"), "## What support do councils want?\n\nChanged in the file.\n");
        var fromFile = await AppProcess.RunAsync(Dir("faq", "show", "8"), env);

        var entries = JsonDocument.Parse(first.Stdout).RootElement;
        Assert.That(entries.GetArrayLength(), Is.EqualTo(8));
        Assert.That(entries.EnumerateArray().Select(e => e.GetProperty("status").GetString()).Distinct(), Is.EqualTo(new[] { "published" }));
        Assert.That(entries[0].GetProperty("slug").GetString(), Is.EqualTo("01-social-care"));
        Assert.That(edited.Stdout, Does.Contain("What support are councils asking of the LGA, now?\n\nEdited in the database."));
        Assert.That(edited.Stdout.IndexOf("now?", StringComparison.Ordinal), Is.LessThan(edited.Stdout.IndexOf("Are social care pressures", StringComparison.Ordinal)),
            "position 5 comes before the first file's 10");
        Assert.That(stillEdited.Stdout, Does.Contain("Edited in the database."));
        Assert.That(fromFile.Stdout, Does.Contain("FAQ entry #8: What support do councils want?").And.Contain("Changed in the file."));
    }
}
