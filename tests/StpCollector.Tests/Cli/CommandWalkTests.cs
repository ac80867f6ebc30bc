using System.Data.Common;
using System.CommandLine;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Hosting;
using StpCollector.Cli;
using StpCollector.Contacts;
using StpCollector.Ingestion;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Cli;

/// <summary>
/// The whole command tree through the real executable: every verb's --help, and every verb that prints data on an
/// empty data dir and on a populated one, as a table and as JSON. No "unexpected problem", no stack trace, the
/// documented exit codes. The tree is walked, so a verb added later is covered, and a new list/show verb must be
/// given example arguments in <see cref="DataVerbs"/> (the registry test fails until it is).
/// </summary>
public sealed class CommandWalkTests
{
    /// <summary>A verb that prints data, with arguments that name something in the populated data dir.</summary>
    /// <param name="NamesOne">It shows one thing by id: on an empty data dir that id does not exist, which is exit 2 with a message.</param>
    /// <param name="JsonForm">How it is asked for JSON.</param>
    private sealed record DataVerb(string Path, string[] Arguments, bool NamesOne = false, string[]? JsonForm = null)
    {
        public string[] Json => JsonForm ?? ["--json"];
    }

    private static readonly DataVerb[] DataVerbs =
    [
        new("round list", []),
        new("round show", ["STP-R2"], NamesOne: true),
        new("councils list", ["--region", "London"]),
        new("councils show", [KnownRounds.Camden]),
        new("returns show", ["STP-R2", KnownRounds.Camden], NamesOne: true),
        new("footprints list", []),
        new("contacts list", []),
        new("questionnaire list", []),
        new("questionnaire show", [ReturnsBuilder.Questionnaire]),
        new("outbox list", []),
        new("outbox show", ["1"], NamesOne: true),
        new("holidays list", ["--year", "2026"]),
        new("foi list", []),
        new("foi show", ["1"], NamesOne: true),
        new("foi documents", []),
        new("foi due", ["--received", "2026-11-02"]),
        new("subscribers list", []),
        new("bulletin list", []),
        new("bulletin show", ["1"], NamesOne: true),
        new("feedback list", []),
        new("users list", []),
        new("audit list", []),
        new("feedback show", ["1"], NamesOne: true),
        new("faq list", []),
        new("faq show", ["1"]), // entry 1 is imported from config/bulletins/faq/ on first use, so it exists on an empty data dir too
        new("holding-pen list", ["--all"]),
        new("holding-pen show", ["1"], NamesOne: true),
        new("mail peek", []),
        new("report", ["STP-R2", "--by", "region"], NamesOne: true, JsonForm: ["--format", "json"]),
        new("status", []),
    ];

    /// <summary>Leaf verbs with these names print data; so does `report`.</summary>
    private static readonly HashSet<string> DataVerbNames = ["list", "show", "peek", "documents", "due"];

    private static IEnumerable<(string Path, Command Command)> Walk(Command command, string path = "")
    {
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            var subPath = path.Length == 0 ? sub.Name : $"{path} {sub.Name}";
            yield return (subPath, sub);
            foreach (var deeper in Walk(sub, subPath))
                yield return deeper;
        }
    }

    private static IEnumerable<(string Path, Command Command)> DataVerbsInTree() =>
        Walk(CommandTree.Build()).Where(v => v.Command.Subcommands.Count == 0 && (DataVerbNames.Contains(v.Command.Name) || v.Path is "report" or "status"));

    [Test]
    public void Every_verb_that_prints_data_has_example_arguments_here_and_a_json_form()
    {
        var inTree = DataVerbsInTree().ToList();
        var missing = inTree.Where(v => DataVerbs.All(d => d.Path != v.Path)).Select(v => v.Path).ToList();
        var stale = DataVerbs.Where(d => inTree.All(v => v.Path != d.Path)).Select(d => d.Path).ToList();
        var withoutJson = inTree.Where(v => DataVerbs.FirstOrDefault(d => d.Path == v.Path) is { } d
                                            && v.Command.Options.All(o => o.Name != d.Json[0]))
            .Select(v => v.Path).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(missing, Is.Empty, "verbs that print data with no entry in CommandWalkTests.DataVerbs: add example arguments there");
            Assert.That(stale, Is.Empty, "entries in CommandWalkTests.DataVerbs for verbs that no longer exist");
            Assert.That(withoutJson, Is.Empty, "verbs that print data without --json");
        });
    }

    /// <summary>In process (help needs no data dir, and 60 process starts would cost half a minute); the real executable's
    /// --help is checked once at the end.</summary>
    [Test]
    public async Task Every_verb_prints_its_help_and_exits_0()
    {
        var verbs = Walk(CommandTree.Build()).Select(v => v.Path.Split(' ')).Prepend([]).ToList();

        var problems = new List<string>();
        foreach (var verb in verbs)
        {
            var (stdout, stderr) = (new StringWriter(), new StringWriter());
            string[] args = [.. verb, "--help"];
            var exit = await CommandTree.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
            var run = new CliProcesses.Run(args, exit, stdout.ToString(), stderr.ToString());
            problems.AddRange(CliProcesses.Crashes(run));
            if (exit != 0 || !run.Stdout.Contains("Usage:", StringComparison.Ordinal) || run.Stderr.Length > 0)
                problems.Add($"{run.Command}: exit {exit}, expected 0 and the usage text\n{run.Output}");
        }

        var real = await AppProcess.RunAsync(["round", "list", "--help"]);
        Assert.That(real.ExitCode, Is.Zero, real.Stderr);
        Assert.That(real.Stdout, Does.Contain("--status"));
        Assert.That(problems, Is.Empty, string.Join("\n\n", problems));
        Assert.That(verbs, Has.Count.GreaterThan(40), "the walk reached every verb");
    }

    [Test]
    public async Task Every_verb_that_prints_data_works_on_an_empty_and_a_populated_data_dir_as_a_table_and_as_json()
    {
        using var empty = new TempDataDir();
        using var populated = new TempDataDir();
        await PopulateAsync(populated);
        // Migrated first, so the parallel runs below start from the same "new installation" without racing to create it.
        Assert.That((await AppProcess.RunAsync(["db", "migrate", "--data-dir", empty.Path])).ExitCode, Is.Zero);

        var cases = DataVerbs.SelectMany(verb => new[] { (verb, Data: empty, Empty: true), (verb, Data: populated, Empty: false) })
            .SelectMany(c => new[] { (c.verb, c.Data, c.Empty, Json: false), (c.verb, c.Data, c.Empty, Json: true) })
            .ToList();
        var runs = await CliProcesses.RunAllAsync(cases.Select(c =>
            (string[])[.. c.verb.Path.Split(' '), .. c.verb.Arguments, .. c.Json ? c.verb.Json : [], "--data-dir", c.Data.Path]));

        var problems = new List<string>();
        foreach (var ((verb, _, isEmpty, json), run) in cases.Zip(runs))
        {
            problems.AddRange(CliProcesses.Crashes(run));
            var where = isEmpty ? "empty data dir" : "populated data dir";
            if (isEmpty && verb.NamesOne)
            {
                if (run.ExitCode != ExitCodes.Usage || run.Stderr.Trim().Length == 0)
                    problems.Add($"{run.Command} ({where}): expected exit 2 and a message naming what is missing, got exit {run.ExitCode}\n{run.Output}");
                continue;
            }

            if (run.ExitCode != ExitCodes.Ok)
            {
                problems.Add($"{run.Command} ({where}): exit {run.ExitCode}\n{run.Output}");
                continue;
            }

            if (json)
            {
                try
                {
                    using var _ = JsonDocument.Parse(run.Stdout);
                }
                catch (JsonException e)
                {
                    problems.Add($"{run.Command} ({where}): --json output is not JSON: {e.Message}\n{run.Stdout}");
                }
            }
            else if (run.Stdout.Trim().Length == 0)
                problems.Add($"{run.Command} ({where}): printed nothing");
            else if (run.Stdout.TrimEnd().Split('\n').Last().Trim().Trim('-', ' ').Length == 0)
                problems.Add($"{run.Command} ({where}): printed bare table headers instead of saying there is nothing to show\n{run.Stdout}");
        }

        Assert.That(problems, Is.Empty, string.Join("\n\n", problems));
    }

    /// <summary>Something for every data verb to show: contacts, two rounds with returns, an FoI request with answers and a
    /// document, a subscriber, a sent bulletin (and so an outbox) and a reply to it (feedback), a held message, and a file waiting in the drop folder.</summary>
    private static async Task PopulateAsync(TempDataDir data)
    {
        using (var host = await data.StartHostAsync())
        {
            await host.Services.GetRequiredService<ContactImporter>().ImportAsync(RepoPaths.Seeds("contacts-sample.csv"), skipInvalid: false);
            KnownRounds.Create(ReturnsBuilder.For(host));
            var foi = FoiBuilder.For(host);
            var batch = foi.Batch(ReturnsBuilder.Questionnaire, KnownRounds.Camden, KnownRounds.Barnet);
            foi.Answers(batch, KnownRounds.Camden, ReturnsBuilder.A("Q7", "yes"));
            await using (var connection = await host.Services.GetRequiredService<Database>().OpenAsync())
            {
                await connection.ExecuteAsync("""
                    INSERT INTO foi_documents (request_id, file_name, content_type, stored_path, received_at)
                    VALUES (@request, 'letter.pdf', 'application/pdf', '/nowhere/letter.pdf', '2026-11-20T10:00:00.000Z')
                    """, new { request = foi.Request(batch, KnownRounds.Camden) });
            }

            await BulletinFixture.AddSubscribersAsync(host, ["reader@example.test"]);
            await BulletinFixture.SendNowAsync(host);
            await BulletinFixture.ReplyAsync(host, data.Path, "reader@example.test", "Re: the bulletin", "Could the next one cover Wales?");
            var spam = "From: offers@spam.example\r\nTo: returns@lga.test\r\nSubject: Offer\r\nMessage-ID: <spam-1@spam.example>\r\n\r\nBuy now\r\n"u8.ToArray();
            await host.Services.GetRequiredService<InboundPipeline>().ProcessAsync(
                new InboundItem(InboundItem.Mailbox, "spam.eml", spam), IngestHints.None, CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        var inbox = Path.Combine(data.Path, "mail", "inbox");
        Directory.CreateDirectory(inbox);
        File.WriteAllText(Path.Combine(inbox, "waiting.eml"), "From: someone@example.test\r\nSubject: Waiting\r\n\r\nHello\r\n");
    }
}
