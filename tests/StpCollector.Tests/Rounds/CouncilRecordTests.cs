using System.Text.Json;
using MimeKit;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Rounds;

/// <summary>councils show and returns show (issue 12's "a council's whole record"), on an empty data dir and a populated one, in table and JSON.</summary>
public sealed class CouncilRecordTests
{
    private const string Now = "2026-11-23T09:00:00Z";

    [Test]
    public async Task On_an_empty_data_dir_councils_show_has_friendly_empty_states_and_unknown_names_exit_2()
    {
        using var data = new TempDataDir();
        var (exit, stdout, stderr) = await CliAsync(data, "councils", "show", "E09000007");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith("Camden (E09000007), london_borough, London"));
        Assert.That(stdout, Does.Contain("None yet. Add them with: stpcollector contacts import FILE.csv").And.Contain("Not in any round yet."));
        (exit, stdout, stderr) = await CliAsync(data, "councils", "show", "e09000007", "--json");
        Assert.That(exit, Is.Zero, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.That(json.GetProperty("rounds").GetArrayLength() + json.GetProperty("contacts").GetArrayLength() + json.GetProperty("held").GetArrayLength(), Is.Zero);

        (exit, _, stderr) = await CliAsync(data, "councils", "show", "E99999999");
        Assert.That((exit, stderr.Trim()), Is.EqualTo((2, "There is no council 'E99999999'. See the codes with: stpcollector councils list")));
        (exit, _, stderr) = await CliAsync(data, "returns", "show", "1", "E09000007");
        Assert.That((exit, stderr.Trim()), Is.EqualTo((2, "There is no round 1. See the rounds with: stpcollector round list")));
    }

    [Test]
    public async Task Councils_show_and_returns_show_give_every_answer_with_its_provenance_and_the_return_it_replaced()
    {
        using var data = new TempDataDir();
        await CliAsync(data, "contacts", "import", data.Write("leads.csv", "council_code,name,email,role\nE09000012,Hal Kay,hal@hackney.gov.test,lead\nE09000019,Isa Lim,isa@islington.gov.test,lead\n"));
        await CliAsync(data, "round", "create", "--questionnaire", RoundTestData.Questionnaire, "--title", "Winter check", "--opens", "now",
            "--closes", "2026-12-18 17:00", "--audience", "councils:E09000012,E09000019", "--reminders", "none");
        await CliAsync(data, ["run", "--once"], "2026-11-23T09:01:00Z");
        Reply(data, "E09000012", "Q1: Yes\nQ2: No\n", "first");
        await CliAsync(data, ["run", "--once"], "2026-11-23T09:02:00Z");
        Reply(data, "E09000012", "Q1: Partly\nQ2: No - budget not agreed\nQ3: Maybe later\n", "second");
        await CliAsync(data, ["run", "--once"], "2026-11-23T10:00:00Z");

        var (exit, stdout, stderr) = await CliAsync(data, "returns", "show", "STP-R1", "e09000012");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith("Hackney (E09000012) in STP-R1: Winter check (open)"));
        Assert.That(stdout, Does.Contain("partial, missing Q3, Q4, Q5, Q6, Q7, Q8"));
        Assert.That(stdout, Does.Contain("From email_body: message \"Re: [STP-R1] Winter check: please reply by 18 December 2026 (second)\" from hal@hackney.gov.test"));
        Assert.That(stdout, Does.Match(@"Q3\s+invalid\s+Maybe later\s+'Maybe later' is not an answer Q3 accepts"));
        Assert.That(stdout, Does.Match(@"Q16 \(optional\)\s+missing"));
        Assert.That(stdout, Does.Match(@"Q2\s+valid\s+no\s+budget not agreed\s+No - budget not agreed"), "the comment beside the answer is shown");
        // The reply's Date: header is the real clock's, days after this test's fixed clock: shown, with the gap noted.
        Assert.That(stdout, Does.Match(@"Dated \(sender's clock\): \d{4}-\d\d-\d\d \d\d:\d\d \(dated .* after it reached us; the sender's clock is ahead\)"));
        Assert.That(stdout, Does.Contain("Earlier returns (superseded):").And.Contain("2 question(s) answered, email_body: message \"Re: [STP-R1] Winter check: please reply by 18 December 2026 (first)\""));

        var json = JsonDocument.Parse((await CliAsync(data, "returns", "show", "1", "E09000012", "--json")).Stdout).RootElement;
        var current = json.GetProperty("current");
        Assert.That(current.GetProperty("completeness").GetString(), Is.EqualTo("partial"));
        Assert.That(current.GetProperty("answers").GetArrayLength(), Is.EqualTo(16), "every question, answered or not");
        Assert.That(current.GetProperty("answers")[0].GetProperty("value").GetString(), Is.EqualTo("partly"));
        Assert.That(json.GetProperty("history")[0].GetProperty("answers")[0].GetProperty("value").GetString(), Is.EqualTo("yes"));

        (exit, stdout, stderr) = await CliAsync(data, "returns", "show", "1", "E09000019");
        Assert.That((exit, stdout.Trim()), Is.EqualTo((0, "Islington (E09000019) in STP-R1: Winter check (open)\n  No return yet.")), stderr);
        (exit, _, stderr) = await CliAsync(data, "returns", "show", "1", "E09000007");
        Assert.That((exit, stderr.Trim()), Is.EqualTo((2, "Camden (E09000007) is not in round STP-R1. See its councils with: stpcollector round show STP-R1")));

        (exit, stdout, stderr) = await CliAsync(data, "councils", "show", "E09000012");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("  lead             Hal Kay <hal@hackney.gov.test>"));
        Assert.That(stdout, Does.Contain("STP-R1: Winter check (open, closes Friday 18 December 2026, 17:00)"));
        Assert.That(stdout, Does.Contain("Invitation: sent Monday 23 November 2026").And.Contain("(to hal@hackney.gov.test)"));
        Assert.That(stdout, Does.Contain("Current return #2").And.Contain("FOI REQUESTS\n  None.").And.Contain("BOUNCES\n  None."));
        var record = JsonDocument.Parse((await CliAsync(data, "councils", "show", "E09000012", "--json")).Stdout).RootElement;
        var round = record.GetProperty("rounds")[0];
        Assert.That(round.GetProperty("invitedTo").GetString(), Is.EqualTo("hal@hackney.gov.test"));
        Assert.That(round.GetProperty("returns").GetArrayLength(), Is.EqualTo(2));
        Assert.That(round.TryGetProperty("invitationMime", out _), Is.False);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(TempDataDir data, params string[] args) => CliAsync(data, args, Now);

    private static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(TempDataDir data, string[] args, string at) =>
        AppProcess.RunAsync([.. args, "--data-dir", data.Path], new Dictionary<string, string> { ["STPCOLLECTOR__Clock__Now"] = at });

    private static void Reply(TempDataDir data, string council, string body, string tag)
    {
        var invitation = Directory.GetFiles(Path.Combine(data.Path, "mail", "outbox"), "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.Headers["X-StpCollector-Council"] == council && m.Headers["X-StpCollector-Round"] is not null);
        var reply = new MimeMessage { Subject = $"Re: {invitation.Subject} ({tag})", Body = new TextPart("plain") { Text = body } };
        reply.From.Add(invitation.To.Mailboxes.First());
        reply.To.Add(invitation.ReplyTo.Mailboxes.Single());
        var inbox = Directory.CreateDirectory(Path.Combine(data.Path, "mail", "inbox")).FullName;
        reply.WriteTo(Path.Combine(inbox, $"{council}-{tag}.eml"));
    }
}
