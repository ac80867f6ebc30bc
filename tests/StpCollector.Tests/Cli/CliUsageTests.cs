using System.Diagnostics;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Cli;

/// <summary>What staff meet first: a new installation, a wrong filter, a typo, a file given as the data dir; and shell completion.</summary>
public sealed class CliUsageTests
{
    [Test]
    public async Task Round_list_on_a_new_installation_says_there_are_no_rounds_yet_in_every_form()
    {
        using var data = new TempDataDir();
        var fresh = data.NewDataDir("new"); // never touched: the very first command of a new installation

        var first = await AppProcess.RunAsync(["round", "list", "--data-dir", fresh]);
        var runs = await CliProcesses.RunAllAsync([
            ["round", "list", "--json", "--data-dir", fresh],
            ["round", "list", "--status", "closed", "--data-dir", fresh],
            ["round", "list", "--status", "cancelled", "--json", "--data-dir", fresh],
            ["round", "list", "--status", "finished", "--data-dir", fresh],
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(first.ExitCode, Is.Zero, first.Stderr);
            Assert.That(first.Stdout.Trim(), Does.StartWith("No rounds yet: create one with `stpcollector round create ...`"));
            Assert.That(runs[0].ExitCode, Is.Zero, runs[0].Stderr);
            Assert.That(runs[0].Stdout.Trim(), Is.EqualTo("[]"));
            Assert.That(runs[1].ExitCode, Is.Zero, runs[1].Stderr);
            Assert.That(runs[1].Stdout.Trim(), Is.EqualTo("No rounds with status closed."));
            Assert.That(runs[2].Stdout.Trim(), Is.EqualTo("[]"), runs[2].Stderr);
            Assert.That(runs[3].ExitCode, Is.EqualTo(2));
            Assert.That(runs[3].Stderr, Does.StartWith("--status 'finished' is not a round status. Use one of: scheduled, open, closed, cancelled."));
        });
    }

    [TestCase("contacts list --council E99999999", "There is no council 'E99999999'. See the ONS codes with: stpcollector councils list")]
    [TestCase("contacts list --role boss", "--role 'boss' is not a contact role. Use one of: chief_executive, dass, dph, foi, hwb_chair, lead, other.")]
    [TestCase("outbox list --kind postcard", "--kind 'postcard' is not a kind of message. Use one of: invitation, reminder, receipt, bulletin, feedback_ack, faq_notice, foi_request, foi_chaser.")]
    [TestCase("outbox list --status lost", "--status 'lost' is not an outbox status. Use one of: pending, sending, sent, failed, cancelled.")]
    [TestCase("foi list --status late", "--status 'late' is not an FoI status. Use one of: queued, awaiting_response,")]
    [TestCase("foi list --batch 7", "There is no FoI batch 7. The batch numbers are in: stpcollector foi list")]
    [TestCase("councils list --footprint nowhere", "There is no footprint 'nowhere'. See the ids with: stpcollector footprints list")]
    [TestCase("councils list --region Narnia", "There is no region 'Narnia'. Regions: East Midlands,")]
    [TestCase("rund list", "Unknown command 'rund'. Did you mean 'round'?")]
    [TestCase("round lsit", "Unknown command 'round lsit'. Did you mean 'round list'?")]
    [TestCase("round list --staus open", "Unknown option '--staus'. Did you mean '--status'?")]
    [TestCase("frobnicate", "Unknown command 'frobnicate'. The commands are: run, db,")]
    [TestCase("feedback show abc", "ID: 'abc' is not a whole number; give the number shown by the list, e.g. 12.")]
    [TestCase("holding-pen list --limit ten", "--limit: 'ten' is not a whole number.")]
    [TestCase("holidays list --year 20x6", "--year: '20x6' is not a whole number.")]
    public async Task A_wrong_word_is_a_usage_error_that_names_what_is_allowed(string command, string message)
    {
        using var data = new TempDataDir();

        var (exit, stdout, stderr) = await AppProcess.RunAsync([.. command.Split(' '), "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(2), stdout + stderr);
        Assert.That(stderr, Does.StartWith(message));
        Assert.That(stdout, Is.Empty, "not an empty table");
    }

    [Test]
    public async Task A_data_dir_that_is_a_file_is_one_line_and_exit_2_for_every_verb_and_the_worker()
    {
        using var data = new TempDataDir();
        var file = data.Write("not-a-folder", "x");
        var under = Path.Combine(file, "var");

        var runs = await CliProcesses.RunAllAsync([
            ["round", "list", "--data-dir", file],
            ["contacts", "list", "--json", "--data-dir", file],
            ["run", "--once", "--data-dir", file],
            ["run", "--data-dir", file],
            ["--data-dir", file],
            ["round", "list", "--data-dir", under],
            ["run", "--data-dir", under],
        ]);

        Assert.Multiple(() =>
        {
            foreach (var run in runs)
            {
                Assert.That(run.ExitCode, Is.EqualTo(2), run.Command + "\n" + run.Output);
                Assert.That(run.Stdout, Is.Empty, run.Command);
                Assert.That(run.Stderr.TrimEnd().Split('\n'), Has.Length.EqualTo(1), run.Command + "\n" + run.Stderr);
                Assert.That(CliProcesses.Crashes(run), Is.Empty);
            }

            Assert.That(runs[0].Stderr.Trim(), Is.EqualTo($"--data-dir {file} is a file, not a folder: give a folder (it is created if missing)."));
            Assert.That(runs[3].Stderr.Trim(), Is.EqualTo(runs[0].Stderr.Trim()), "the worker says the same");
            Assert.That(runs[5].Stderr.Trim(), Is.EqualTo($"--data-dir {under} cannot be created: {file} is a file, not a folder. Give a folder path."));
        });
    }

    [Test]
    public async Task The_bash_completion_script_completes_verbs_subverbs_options_and_their_values()
    {
        using var data = new TempDataDir();
        var (exit, script, stderr) = await AppProcess.RunAsync(["completion", "bash"]);
        Assert.That(exit, Is.Zero, stderr);
        var file = data.Write("stpcollector.bash", script);

        var output = Bash($$"""
            source '{{file}}'
            complete -p stpcollector
            reply() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _stpcollector; echo "${COMPREPLY[*]}"; }
            reply stpcollector rou
            reply stpcollector round l
            reply stpcollector --data-dir /tmp/x holding-pen ''
            reply stpcollector round list --st
            reply stpcollector round list --status c
            reply stpcollector report STP-R1 --format ''
            """);

        Assert.That(output, Is.EqualTo(string.Join('\n',
            "complete -F _stpcollector stpcollector",
            "round",
            "list",
            "list show assign discard --help --data-dir --config",
            "--status",
            "cancelled closed",
            "csv json table xlsx") + "\n"));
    }

    [Test]
    public async Task The_zsh_completion_script_loads_the_same_completions_through_bashcompinit()
    {
        var (exit, zsh, stderr) = await AppProcess.RunAsync(["completion", "zsh"]);
        var (_, bash, _) = await AppProcess.RunAsync(["completion", "bash"]);

        Assert.That(exit, Is.Zero, stderr);
        Assert.That(zsh, Does.Contain("bashcompinit"));
        Assert.That(zsh, Does.EndWith(bash));
    }

    private static string Bash(string script)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = bash.StandardOutput.ReadToEndAsync();
        var stderr = bash.StandardError.ReadToEndAsync();
        Assert.That(bash.WaitForExit(30_000), "bash finished");
        Assert.That(stderr.Result, Is.Empty);
        return stdout.Result;
    }
}
