using System.Text.Json;
using MimeKit;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Rounds;

/// <summary>
/// Issue 12 (defect 6 and the partial-returns gap), through the real executable and the folder transport: a council
/// with two leads, contacts remove / import --replace, complete and partial returns, and round remind.
/// </summary>
public sealed class LeadsAndPartialReturnsTests
{
    private const string Now = "2026-11-23T09:00:00Z"; // Monday
    private const string Camden = "E09000007", Hackney = "E09000012", Islington = "E09000019";

    [Test]
    public async Task A_council_with_two_leads_gets_one_invitation_addressed_to_both_and_round_create_names_it()
    {
        using var data = new TempDataDir();
        var (exit, stdout, stderr) = await CliAsync(data, "contacts", "import", data.Write("leads.csv", Leads));
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stderr, Does.Contain("Note: Camden (E09000007) now has 2 leads: ann@camden.gov.test, bo@camden.gov.test."));

        (exit, stdout, stderr) = await CreateRoundAsync(data);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("Several leads (each invitation and reminder goes to all of them, in one message): Camden (E09000007): ann@camden.gov.test, bo@camden.gov.test"));

        (exit, _, stderr) = await CliAsync(data, ["run", "--once"], "2026-11-23T09:01:00Z"); // the clock starts afresh in each process
        Assert.That(exit, Is.Zero, stderr);
        var camden = SentTo(data, Camden);
        Assert.That(camden, Has.Count.EqualTo(1), "one message per council and round");
        Assert.That(camden[0].To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "ann@camden.gov.test", "bo@camden.gov.test" }));
        Assert.That(camden[0].TextBody, Does.Contain("Dear Ann Lee and Bo Cho,"));
        Assert.That(camden[0].ReplyTo.Mailboxes.Single().Address, Does.StartWith("returns+r1-e09000007-"), "one reply address for the council and round");
    }

    [Test]
    public async Task Contacts_import_replace_removes_the_contacts_not_in_the_file_and_contacts_remove_takes_one_off()
    {
        using var data = new TempDataDir();
        var (exit, stdout, stderr) = await CliAsync(data, "contacts", "import", data.Write("leads.csv", Leads + "E09000007,Foi Officer,foi@camden.gov.test,foi\n"));
        Assert.That(exit, Is.Zero, stderr);

        // The new list for Camden's leads only: Bo goes, Camden's FoI contact and the other councils stay.
        (exit, stdout, stderr) = await CliAsync(data, "contacts", "import", "--replace", data.Write("camden.csv", "council_code,name,email,role\nE09000007,Ann Lee,ann@camden.gov.test,lead\n"));
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("0 added, 0 updated, 1 unchanged, 1 removed"));
        Assert.That(stdout, Does.Contain("Removed: Bo Cho <bo@camden.gov.test>, lead of Camden (E09000007) (not in the file)"));
        Assert.That(await EmailsAsync(data), Is.EquivalentTo(new[] { "ann@camden.gov.test", "foi@camden.gov.test", "hal@hackney.gov.test", "isa@islington.gov.test" }));

        // All or nothing: one bad row and nothing is removed; --skip-invalid cannot be combined with --replace.
        (exit, _, stderr) = await CliAsync(data, "contacts", "import", "--replace", data.Write("bad.csv", "council_code,name,email,role\nE09000012,Hal,not-an-address,lead\n"));
        Assert.That(exit, Is.EqualTo(1), stderr);
        (exit, _, stderr) = await CliAsync(data, "contacts", "import", "--replace", "--skip-invalid", data.Write("ok.csv", "council_code,name,email,role\nE09000012,Hal,hal@hackney.gov.test,lead\n"));
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--replace and --skip-invalid cannot be used together"));
        Assert.That(await EmailsAsync(data), Has.Count.EqualTo(4));

        (exit, stdout, stderr) = await CliAsync(data, "contacts", "remove", "HAL@hackney.gov.test");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("Removed: Hal Kay <hal@hackney.gov.test>, lead of Hackney (E09000012)"));
        Assert.That(stderr.Trim(), Is.EqualTo("Warning: Hackney (E09000012) now has no lead, so rounds will not invite it until one is imported."));
        (exit, _, stderr) = await CliAsync(data, "contacts", "remove", "hal@hackney.gov.test");
        Assert.That((exit, stderr.Trim()), Is.EqualTo((2, "No contact has the address hal@hackney.gov.test. See the contacts with: stpcollector contacts list")));
        (exit, _, stderr) = await CliAsync(data, "contacts", "remove", "ann@camden.gov.test", "--council", Hackney);
        Assert.That((exit, stderr.Trim()), Is.EqualTo((2, "No contact has the address ann@camden.gov.test for council E09000012. See the contacts with: stpcollector contacts list")));
    }

    [Test]
    public async Task Round_show_counts_complete_and_partial_returns_and_round_remind_chases_the_partial_one_naming_what_is_missing()
    {
        using var data = new TempDataDir();
        await CliAsync(data, "contacts", "import", data.Write("leads.csv", Leads));
        var (exit, stdout, stderr) = await CliAsync(data, "round", "remind", "1");
        Assert.That((exit, stderr.Trim()), Is.EqualTo((2, "There is no round 1. See the rounds with: stpcollector round list")));
        await CreateRoundAsync(data, opens: "2026-11-23 10:00");
        (exit, _, stderr) = await CliAsync(data, "round", "remind", "STP-R1");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(stderr, Does.StartWith("Round STP-R1 has not opened yet (it opens Monday 23 November 2026, 10:00)"));

        await CliAsync(data, ["run", "--once"], "2026-11-23T10:01:00Z"); // opens the round, sends the invitations
        Reply(data, Hackney, "hal@hackney.gov.test", "Q1: Yes\nQ2: No\nQ3: Maybe later\nQ5: consulted\n");
        Reply(data, Islington, "isa@islington.gov.test", "Q1: Yes\nQ2: No\nQ3: Yes\nQ4: Partly\nQ5: consulted\nQ6: dph\nQ7: Yes\nQ8: No\n");
        (exit, _, stderr) = await CliAsync(data, ["run", "--once"], "2026-11-23T10:05:00Z"); // reads the replies
        Assert.That(exit, Is.Zero, stderr);

        (exit, stdout, stderr) = await CliAsync(data, "round", "show", "1");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("2 responded (0 late): 1 complete, 1 partial"));
        Assert.That(stdout, Does.Contain("partial (missing Q3, Q4, Q6, Q7, Q8)"));
        var show = JsonDocument.Parse((await CliAsync(data, "round", "show", "1", "--json")).Stdout).RootElement;
        Assert.That((show.GetProperty("complete").GetInt32(), show.GetProperty("partial").GetInt32()), Is.EqualTo((1, 1)));
        var councils = show.GetProperty("council").EnumerateArray().ToDictionary(c => c.GetProperty("councilCode").GetString()!);
        Assert.That(councils[Hackney].GetProperty("return").GetString(), Is.EqualTo("partial"));
        Assert.That(councils[Islington].GetProperty("return").GetString(), Is.EqualTo("complete"));
        Assert.That(councils[Camden].TryGetProperty("return", out _), Is.False, "no return yet");

        (exit, stdout, stderr) = await CliAsync(data, "round", "remind", "1", "--councils", $"{Islington},E09000099");
        Assert.That((exit, stderr.Trim()), Is.EqualTo((2, "Not in round STP-R1: E09000099. See its councils with: stpcollector round show STP-R1")));
        (exit, stdout, stderr) = await CliAsync(data, ["round", "remind", "1"], "2026-11-23T11:00:00Z");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("Round STP-R1: 2 reminder(s) queued"));
        Assert.That(stdout, Does.Contain("Camden (E09000007) to ann@camden.gov.test, bo@camden.gov.test: no return yet"));
        Assert.That(stdout, Does.Contain("Hackney (E09000012) to hal@hackney.gov.test: partial, missing Q3, Q4, Q6, Q7, Q8"));
        (exit, _, stderr) = await CliAsync(data, ["run", "--once"], "2026-11-23T11:01:00Z");
        Assert.That(exit, Is.Zero, stderr);

        var hackney = SentTo(data, Hackney).Single(m => IsReminder(m));
        Assert.That(hackney.Subject ?? "", Does.Contain("answers still needed"));
        Assert.That(hackney.TextBody, Does.Contain("Q4. Does the plan set out the challenges within the local social care system?"));
        Assert.That(hackney.TextBody, Does.Contain("'Maybe later' is not an answer Q3 accepts"));
        Assert.That(hackney.TextBody, Does.Not.Contain("Q2. Has a summary of the plan been published online, setting out the vision, the case for change, the agreed priorities and milestones, and a plan for engagement?\n      "));
        Assert.That(SentTo(data, Islington).Where(m => IsReminder(m)), Is.Empty, "a complete return is not chased");
        Assert.That(SentTo(data, Camden).Single(m => IsReminder(m)).To.Count, Is.EqualTo(2));
        Assert.That((await CliAsync(data, "round", "show", "1")).Stdout, Does.Contain("1 by hand"));

        (exit, stdout, _) = await CliAsync(data, "round", "remind", "1", "--councils", Islington, "--json");
        Assert.That(exit, Is.Zero);
        Assert.That(JsonDocument.Parse(stdout).RootElement.GetProperty("notReminded")[0].GetString(), Is.EqualTo("Islington (E09000019): its return is complete"));
        await CliAsync(data, "round", "cancel", "1");
        (exit, _, stderr) = await CliAsync(data, "round", "remind", "1");
        Assert.That((exit, stderr.Trim()), Is.EqualTo((2, "Round STP-R1 was cancelled; its councils are not reminded.")));
    }

    [Test]
    public async Task The_scheduled_reminder_goes_to_a_partial_return_by_default_and_not_when_RemindPartial_is_off()
    {
        foreach (var remindPartial in new[] { true, false })
        {
            using var data = new TempDataDir();
            await CliAsync(data, "contacts", "import", data.Write("leads.csv", Leads));
            await CreateRoundAsync(data, reminders: "5");
            await CliAsync(data, ["run", "--once"], "2026-11-23T09:01:00Z");
            Reply(data, Hackney, "hal@hackney.gov.test", "Q1: Yes\n");
            await CliAsync(data, ["run", "--once"], "2026-11-23T09:10:00Z");

            // Friday 11 December, 09:00 London: 5 working days before the close.
            var environment = new Dictionary<string, string> { ["STPCOLLECTOR__Rounds__RemindPartial"] = remindPartial ? "true" : "false" };
            var (exit, _, stderr) = await CliAsync(data, ["run", "--once"], "2026-12-11T09:01:00Z", environment);
            Assert.That(exit, Is.Zero, stderr);

            var reminders = SentTo(data, Hackney).Where(m => IsReminder(m)).ToList();
            Assert.That(reminders, Has.Count.EqualTo(remindPartial ? 1 : 0), $"RemindPartial={remindPartial}");
            if (remindPartial)
                Assert.That(reminders[0].TextBody, Does.Contain("that need an answer are still missing").And.Contain("Q2. Has a summary"));
            Assert.That(SentTo(data, Islington).Count(IsReminder), Is.EqualTo(1), "no return: reminded either way");
        }
    }

    private const string Leads = """
        council_code,name,email,role
        E09000007,Ann Lee,ann@camden.gov.test,lead
        E09000012,Hal Kay,hal@hackney.gov.test,lead
        E09000019,Isa Lim,isa@islington.gov.test,lead
        E09000007,Bo Cho,bo@camden.gov.test,lead

        """;

    private static Task<(int ExitCode, string Stdout, string Stderr)> CreateRoundAsync(TempDataDir data, string opens = "now", string reminders = "none") =>
        CliAsync(data, "round", "create", "--questionnaire", RoundTestData.Questionnaire, "--title", "Winter check", "--opens", opens,
            "--closes", "2026-12-18 17:00", "--audience", $"councils:{Camden},{Hackney},{Islington}", "--reminders", reminders);

    private static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(TempDataDir data, params string[] args) => CliAsync(data, args, Now);

    private static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(TempDataDir data, string[] args, string at, Dictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(environment ?? []) { ["STPCOLLECTOR__Clock__Now"] = at };
        return AppProcess.RunAsync([.. args, "--data-dir", data.Path], env);
    }

    /// <summary>What the folder transport wrote for a council (its X-StpCollector-Council header).</summary>
    private static List<MimeMessage> SentTo(TempDataDir data, string council)
    {
        var folder = Path.Combine(data.Path, "mail", "outbox");
        return !Directory.Exists(folder) ? [] : Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f))
            .Where(m => m.Headers["X-StpCollector-Council"] == council).ToList();
    }

    private static bool IsReminder(MimeMessage message) => (message.Subject ?? "").Contains("Reminder", StringComparison.Ordinal);

    /// <summary>A reply to the council's invitation, dropped into the inbound folder.</summary>
    private static void Reply(TempDataDir data, string council, string from, string body)
    {
        var invitation = SentTo(data, council).Single(m => !IsReminder(m));
        var reply = new MimeMessage { Subject = "Re: " + invitation.Subject!, Body = new TextPart("plain") { Text = body } };
        reply.From.Add(MailboxAddress.Parse(from));
        reply.To.Add(invitation.ReplyTo.Mailboxes.Single());
        reply.InReplyTo = invitation.MessageId;
        var inbox = Directory.CreateDirectory(Path.Combine(data.Path, "mail", "inbox")).FullName;
        reply.WriteTo(Path.Combine(inbox, $"{council}-{Guid.NewGuid():N}.eml"));
    }

    private static async Task<List<string>> EmailsAsync(TempDataDir data)
    {
        var (_, stdout, _) = await CliAsync(data, "contacts", "list", "--json");
        return JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(c => c.GetProperty("email").GetString()!).ToList();
    }
}
