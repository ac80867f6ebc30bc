using System.Net;
using System.Net.Sockets;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>How the console starts and refuses to start, through the real executable.</summary>
public sealed class ConsoleHostingTests
{
    [Test]
    public async Task Run_serves_the_console_beside_the_sweeps_and_says_how_to_create_the_first_account()
    {
        using var data = new TempDataDir();
        using var worker = AppProcess.Start(["run", "--data-dir", data.Path]);
        await worker.WaitForOutputAsync("Console: http://127.0.0.1:", TimeSpan.FromSeconds(60));
        await worker.WaitForOutputAsync("Scheduled sweep MailboxPoll", TimeSpan.FromSeconds(10));
        Assert.That(worker.Stdout, Does.Contain("No staff accounts yet. Create the first with: stpcollector users add"));
        var address = worker.Stdout.Split('\n').Single(l => l.StartsWith("Console: ", StringComparison.Ordinal))["Console: ".Length..].Trim();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var health = await http.GetAsync(address + "/health");
        Assert.That(await health.Content.ReadAsStringAsync(), Does.StartWith("ok").Or.StartWith("degraded"));
        worker.Signal(15);
        Assert.That(await worker.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(worker.ExitCode, Is.Zero, worker.Stderr);
    }

    [Test]
    public async Task Web_enabled_false_runs_the_sweeps_without_the_console()
    {
        using var data = new TempDataDir();
        using var worker = AppProcess.Start(["run", "--data-dir", data.Path], new Dictionary<string, string> { ["STPCOLLECTOR__Web__Enabled"] = "false" });
        await worker.WaitForOutputAsync("Scheduled sweep MailboxPoll", TimeSpan.FromSeconds(60));
        worker.Signal(15);
        Assert.That(await worker.WaitForExitAsync(TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(worker.Stdout, Does.Not.Contain("Console:"));
    }

    [Test]
    public async Task A_port_already_in_use_or_a_wrong_address_is_a_clear_error()
    {
        using var data = new TempDataDir();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var busy = await AppProcess.RunAsync(["web", "--data-dir", data.Path],
            new Dictionary<string, string> { ["STPCOLLECTOR__Web__Urls"] = $"http://127.0.0.1:{port}" });
        Assert.That(busy.ExitCode, Is.EqualTo(1), busy.Stdout + busy.Stderr);
        Assert.That(busy.Stderr, Does.Contain("The console could not start").And.Contain("Web:Urls"));

        var wrong = await AppProcess.RunAsync(["web", "--data-dir", data.Path], new Dictionary<string, string> { ["STPCOLLECTOR__Web__Urls"] = "nonsense" });
        Assert.That(wrong.ExitCode, Is.EqualTo(2), wrong.Stdout + wrong.Stderr);
        Assert.That(wrong.Stderr, Does.Contain("Web:Urls 'nonsense' is not an address to listen on"));
    }
}
