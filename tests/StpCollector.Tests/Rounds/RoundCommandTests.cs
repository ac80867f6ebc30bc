using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Cli;
using StpCollector.Rounds;
using StpCollector.Shared;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Rounds;

/// <summary>round create / list / show / extend / cancel as staff use them, with the clock fixed at Monday 23 November 2026, 09:00.</summary>
public sealed class RoundCommandTests
{
    private const string Now = "2026-11-23T09:00:00Z";

    [Test]
    public async Task Round_create_stores_London_wall_clock_times_in_UTC_and_plans_the_default_reminders()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            await RoundTestData.AddLeadAsync(host.Services, "E09000007", "lead@camden.gov.test");

        var (exit, stdout, stderr) = await CliAsync(data,
            "round", "create", "--questionnaire", RoundTestData.Questionnaire, "--title", "Summer check-in", "--opens", "2027-06-01 09:00",
            "--closes", "2027-06-30 17:00", "--audience", "councils:E09000007", "--json");

        Assert.That(exit, Is.Zero, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        var round = json.GetProperty("round");
        Assert.That(round.GetProperty("id").GetInt64(), Is.EqualTo(1));
        Assert.That(round.GetProperty("reference").GetString(), Is.EqualTo("STP-R1"));
        Assert.That(round.GetProperty("opensAt").GetString(), Is.EqualTo("2027-06-01T08:00:00+00:00"), "09:00 BST");
        Assert.That(round.GetProperty("closesAt").GetString(), Is.EqualTo("2027-06-30T16:00:00+00:00"));
        Assert.That(round.GetProperty("status").GetString(), Is.EqualTo("scheduled"));
        // 5 working days before Wednesday 30 June 2027 is Wednesday 23 June; 2 is Monday 28 June; both at 09:00 BST.
        Assert.That(json.GetProperty("reminders").EnumerateArray().Select(r => $"{r.GetProperty("workingDaysBefore").GetInt32()} {r.GetProperty("dueAt").GetString()}"),
            Is.EqualTo(new[] { "5 2027-06-23T08:00:00+00:00", "2 2027-06-28T08:00:00+00:00" }));
        Assert.That(await RoundTestData.QueryAsync<string>(await ServicesAsync(data), "SELECT opens_at || ' ' || closes_at FROM rounds"),
            Is.EqualTo(new[] { "2027-06-01T08:00:00.000Z 2027-06-30T16:00:00.000Z" }), "stored as fixed-width UTC text");
    }

    [TestCase("--opens", "2026-12-10 09:00", "--closes", "2026-12-01 17:00", "--closes (2026-12-01 17:00) must be after --opens (2026-12-10 09:00)")]
    [TestCase("--opens", "2026-11-23 08:30", "--closes", "2026-12-18 17:00", "--opens (2026-11-23 08:30) is 30 minutes in the past; a round may open at most 15 minutes ago")]
    [TestCase("--opens", "2026-11-23 08:50", "--closes", "2026-11-23 08:55", "--closes (2026-11-23 08:55) is in the past")]
    [TestCase("--audience", "footprint:nowhere", "--closes", "2026-12-18 17:00", "The audience 'footprint:nowhere' names no councils. See the ids with: stpcollector footprints list")]
    [TestCase("--audience", "councils:E09000007,E99999999", "--closes", "2026-12-18 17:00", "Unknown council code(s): E99999999.")]
    [TestCase("--audience", "boroughs", "--closes", "2026-12-18 17:00", "'boroughs' is not an audience. Use all, region:NAME")]
    [TestCase("--reminders", "15", "--closes", "2026-12-18 17:00", "--reminders 15: 15 working day(s) before the close falls on Friday 27 November 2026, 09:00")]
    [TestCase("--questionnaire", "stp-2015", "--closes", "2026-12-18 17:00", "There is no questionnaire 'stp-2015'. Known: stp-local-government-involvement")]
    public async Task Bad_round_arguments_are_refused_with_a_message_naming_the_problem(string option1, string value1, string option2, string value2, string message)
    {
        var clock = new ManualClock(DateTimeOffset.Parse(Now, CultureInfo.InvariantCulture));
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(services: clock.Install);
        var arguments = new Dictionary<string, string>
        {
            ["--questionnaire"] = RoundTestData.Questionnaire, ["--opens"] = "2026-12-01 09:00", ["--audience"] = "councils:E09000007", ["--reminders"] = "none",
        };
        arguments[option1] = value1;
        arguments[option2] = value2;

        var error = Assert.CatchAsync<Problem>(() => host.Services.GetRequiredService<RoundCreator>().CreateAsync(new RoundRequest(
            arguments["--questionnaire"], "A round", arguments["--opens"], arguments["--closes"], arguments["--audience"], arguments["--reminders"], AllowMissingLeads: true)));

        Assert.That(error!.Message, Does.StartWith(message));
        Assert.That(ExitCodes.For(error), Is.EqualTo(ExitCodes.Usage));
        Assert.That(await RoundTestData.ScalarAsync<long>(host.Services, "SELECT count(*) FROM rounds"), Is.Zero);
    }

    [Test]
    public async Task A_broken_invitation_template_is_reported_when_the_round_is_created_not_when_it_opens()
    {
        using var data = new TempDataDir();
        var config = Path.Combine(data.Path, "config");
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "config"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(config, Path.GetRelativePath(Path.Combine(RepoPaths.Root, "config"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var template = Path.Combine(config, "templates", "invitation.text.liquid");
        File.WriteAllText(template, File.ReadAllText(template).Replace("{{ council_name }}", "{{ council_nmae }}"));
        using var host = await data.StartHostAsync(new Dictionary<string, string?> { ["Paths:Config"] = config });
        await RoundTestData.AddLeadAsync(host.Services, "E09000007", "lead@camden.gov.test");

        var error = Assert.CatchAsync<Problem>(() => RoundTestData.CreateRoundAsync(host.Services, "councils:E09000007", "now", "2030-01-10 17:00"));

        Assert.That(error!.Message, Does.StartWith($"template {template}").And.Contain("council_nmae"));
        Assert.That(await RoundTestData.ScalarAsync<long>(host.Services, "SELECT count(*) FROM rounds"), Is.Zero);
    }

    [Test]
    public async Task Councils_without_a_lead_are_refused_by_name_unless_allowed_and_then_listed()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            foreach (var code in new[] { "E09000003", "E09000007", "E09000019" })
                await RoundTestData.AddLeadAsync(host.Services, code, $"lead@{code.ToLowerInvariant()}.gov.test");
        }

        string[] create = ["round", "create", "--questionnaire", RoundTestData.Questionnaire, "--title", "NCL", "--opens", "2026-12-01 09:00",
            "--closes", "2026-12-18 17:00", "--audience", "footprint:north-central-london"];
        var (exit, stdout, stderr) = await CliAsync(data, create);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("2 of the 5 councils have no lead contact").And.Contain("Enfield (E09000010), Haringey (E09000014)").And.Contain("--allow-missing-leads"));
        Assert.That(stdout, Is.Empty);

        (exit, stdout, stderr) = await CliAsync(data, [.. create, "--allow-missing-leads"]);
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.StartWith("Created round 1 (STP-R1): NCL"));
        Assert.That(stdout, Does.Contain("Audience:      footprint:north-central-london: 5 council(s), 3 with a lead to invite"));
        Assert.That(stdout, Does.Contain("Not invited (no lead contact): Enfield (E09000010), Haringey (E09000014)"));
        Assert.That(stdout, Does.Contain("Reminder:      Friday 11 December 2026, 09:00 (5 working day(s) before the close)"));
    }

    [Test]
    public async Task Extend_moves_the_deadline_and_cancel_withdraws_the_unsent_invitations()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync(new Dictionary<string, string?> { ["Clock:Now"] = Now }))
        {
            var councils = await RoundTestData.AddCouncilsAsync(host.Services, RoundTestData.NewRun(), 2);
            await RoundTestData.CreateRoundAsync(host.Services, $"councils:{councils[0].Code},{councils[1].Code}", "now", "2026-12-18 17:00");
            await host.Services.GetRequiredService<RoundLifecycleSweep>().RunAsync(CancellationToken.None); // opened, invitations queued, not sent
        }

        var (exit, stdout, stderr) = await CliAsync(data, "round", "extend", "STP-R1", "--closes", "2026-12-11 17:00");
        Assert.That((exit, stderr.Trim()), Is.EqualTo((2, "--closes (2026-12-11 17:00) must be later than the round's current close (2026-12-18 17:00), London time.")));
        (exit, stdout, stderr) = await CliAsync(data, "round", "extend", "1", "--closes", "2027-01-08 12:00");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("Round STP-R1 now closes Friday 8 January 2027, 12:00 (open)."));

        (exit, stdout, stderr) = await CliAsync(data, "round", "cancel", "1");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout.Trim(), Is.EqualTo("Round STP-R1 is cancelled; 2 unsent message(s) withdrawn from the outbox."));
        Assert.That(await RoundTestData.QueryAsync<string>(await ServicesAsync(data), "SELECT status FROM outbox"), Is.All.EqualTo("cancelled"));

        (exit, stdout, stderr) = await CliAsync(data, "round", "list");
        Assert.That(exit, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("1   STP-R1     cancelled  2026-11-23 09:00  2027-01-08 12:00  2         2        0     0          STP involvement test round"));
        (exit, _, stderr) = await CliAsync(data, "round", "cancel", "1");
        Assert.That((exit, stderr.Trim()), Is.EqualTo((1, "Round STP-R1 is already cancelled.")));
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(TempDataDir data, params string[] args) =>
        AppProcess.RunAsync([.. args, "--data-dir", data.Path], new Dictionary<string, string> { ["STPCOLLECTOR__Clock__Now"] = Now });

    /// <summary>A host over the data dir (started once, disposed with it), for reading what the CLI wrote.</summary>
    private static async Task<IServiceProvider> ServicesAsync(TempDataDir data)
    {
        try
        {
            return data.Services;
        }
        catch (InvalidOperationException)
        {
            await data.StartAsync();
            return data.Services;
        }
    }
}
