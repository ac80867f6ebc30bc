using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Jobs;
using StpCollector.Shared;
using StpCollector.Storage;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

/// <summary>
/// Long work runs in the console's background: its page shows the progress stored in the database (so a reload, or
/// another person, sees the same), then how it ended; a job whose process died is marked interrupted, never left running.
/// The handlers here are test doubles for the work itself; the runner, the store and the pages are the real ones.
/// </summary>
public sealed class BackgroundJobPagesTests
{
    [Test]
    public async Task A_running_jobs_page_shows_its_progress_on_every_reload_and_then_its_result()
    {
        using var data = new TempDataDir();
        var gate = new GatedHandler();
        await using var server = await ConsoleServer.StartAsync(data, services: s => s.AddSingleton<IBackgroundJobHandler>(gate));
        using var viewer = await server.SignInAsync("viewer@lga.test");
        Assert.That((await viewer.GetAsync("/jobs")).Body, Does.Contain("No background jobs yet"));

        var id = await server.Services.GetRequiredService<BackgroundJobQueue>().StartAsync(GatedHandler.Name, "Import contacts from <leads>.csv", "officer@lga.test", "{}", CancellationToken.None);
        await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var running = await PollAsync(viewer, $"/jobs/{id}", body => body.Contains("3 of 10 (30%)"));
        Assert.That(running, Does.Contain("http-equiv=\"refresh\"").And.Contain("running").And.Contain("Checking rows"));
        Assert.That(running, Does.Contain("Import contacts from &lt;leads&gt;.csv"), "the title is text");
        Assert.That((await viewer.GetAsync($"/jobs/{id}")).Body, Does.Contain("3 of 10 (30%)"), "a reload shows the same");
        Assert.That((await viewer.GetAsync("/jobs")).Body, Does.Contain($"href=\"/jobs/{id}\"").And.Contain("30%"));

        gate.Release.SetResult();
        var done = await PollAsync(viewer, $"/jobs/{id}", body => body.Contains("govuk-panel--confirmation"));
        Assert.That(done, Does.Contain("10 rows imported").And.Contain("href=\"/contacts\"").And.Not.Contain("http-equiv=\"refresh\""));
        Assert.That((await viewer.GetAsync("/jobs/999")).Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_job_that_fails_says_why_an_unknown_kind_is_refused_and_one_left_running_by_a_dead_process_is_interrupted()
    {
        using var data = new TempDataDir();
        await using (var first = await ConsoleServer.StartAsync(data))
        {
            await using var connection = await first.Services.GetRequiredService<Database>().OpenAsync();
            await connection.ExecuteAsync("""
                INSERT INTO background_jobs (kind, title, started_by, state, created_at, started_at, heartbeat_at, done, total)
                VALUES ('contacts import', 'Import contacts from big.csv', 'officer@lga.test', 'running', '2026-01-01T09:00:00.000Z', '2026-01-01T09:00:00.000Z', '2026-01-01T09:00:01.000Z', 500, 1000)
                """);
        }

        await using var server = await ConsoleServer.StartAsync(data, services: s => s.AddSingleton<IBackgroundJobHandler>(new FailingHandler()));
        using var viewer = await server.SignInAsync("viewer@lga.test");
        var interrupted = await PollAsync(viewer, "/jobs/1", body => body.Contains("interrupted"));
        Assert.That(WebUtility.HtmlDecode(interrupted), Does.Contain("StpCollector stopped while this ran. Nothing from it was saved; start it again."));

        var queue = server.Services.GetRequiredService<BackgroundJobQueue>();
        var failing = await queue.StartAsync(FailingHandler.Name, "Import contacts from bad.csv", "officer@lga.test", "{}", CancellationToken.None);
        var unknown = await queue.StartAsync("no such work", "Something", "officer@lga.test", "{}", CancellationToken.None);
        Assert.That(WebUtility.HtmlDecode(await PollAsync(viewer, $"/jobs/{failing}", body => body.Contains("did not finish"))),
            Does.Contain("Line 3: 'not-an-email' is not an email address."));
        Assert.That(WebUtility.HtmlDecode(await PollAsync(viewer, $"/jobs/{unknown}", body => body.Contains("did not finish"))),
            Does.Contain("cannot run 'no such work' jobs"));
    }

    private static async Task<string> PollAsync(ConsoleClient client, string path, Func<string, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (status, body) = await client.GetAsync(path);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), path);
            if (until(body))
                return body;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{path} did not reach the expected state within 30 s:\n{body}");
            await Task.Delay(100);
        }
    }

    private sealed class GatedHandler : IBackgroundJobHandler
    {
        public const string Name = "test gated";

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Kind => Name;

        public async Task<JobOutcome> RunAsync(BackgroundJob job, string input, IProgress<JobProgress> progress, CancellationToken cancellationToken)
        {
            progress.Report(new JobProgress(3, 10, "Checking rows"));
            Reached.SetResult();
            await Release.Task.WaitAsync(cancellationToken);
            progress.Report(new JobProgress(10, 10, "Saving"));
            return new JobOutcome("10 rows imported.", "/contacts");
        }
    }

    private sealed class FailingHandler : IBackgroundJobHandler
    {
        public const string Name = "test failing";

        public string Kind => Name;

        public Task<JobOutcome> RunAsync(BackgroundJob job, string input, IProgress<JobProgress> progress, CancellationToken cancellationToken) =>
            throw new InvalidInputProblem("Line 3: 'not-an-email' is not an email address.");
    }
}
