using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Bulletins;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

public sealed class SubscribersTests
{
    [Test]
    public async Task Import_checks_the_whole_file_first_and_imports_nothing_when_a_row_is_bad()
    {
        using var data = new TempDataDir();
        var file = data.Write("subscribers.csv", "email,name\nada@network.test,Ada\nnot-an-address,Bad\nADA@network.test,Ada again\n");

        var (exit, _, stderr) = await AppProcess.RunAsync(["subscribers", "import", file, "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("line 3: 'not-an-address' is not a valid email address").And.Contain("line 4: repeats line 2"));
        Assert.That(BulletinFixture.Scalar<long>(data.Path, "SELECT count(*) FROM subscribers"), Is.EqualTo(0));
    }

    [Test]
    public async Task Import_skipping_invalid_rows_adds_the_good_ones_with_tokens_and_keeps_unsubscribed_people_out()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
        {
            var store = host.Services.GetRequiredService<SubscriberStore>();
            var (ben, _) = await store.AddAsync("ben@network.test", "Ben");
            await using var connection = await host.Services.GetRequiredService<StpCollector.Storage.Database>().OpenAsync();
            await using var transaction = (DbTransaction)await connection.BeginTransactionAsync();
            await SubscriberStore.SetStatusAsync(connection, transaction, ben.Id, SubscriberStore.Unsubscribed, "asked", DateTimeOffset.UtcNow);
            await transaction.CommitAsync();
        }

        var file = data.Write("subscribers.csv", "Name;Email\nAda;ada@network.test\nBen;ben@network.test\nBad;bad@@x\n");
        var (exit, stdout, stderr) = await AppProcess.RunAsync(["subscribers", "import", file, "--skip-invalid", "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("1 added").And.Contain("1 left unsubscribed or suspended").And.Contain("1 invalid row(s) skipped"));
        (exit, stdout, stderr) = await AppProcess.RunAsync(["subscribers", "list", "--json", "--data-dir", data.Path]);
        Assert.That(exit, Is.EqualTo(0), stderr);
        using var json = System.Text.Json.JsonDocument.Parse(stdout);
        var rows = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("email").GetString()!, e => e);
        Assert.That(rows["ada@network.test"].GetProperty("status").GetString(), Is.EqualTo("active"));
        Assert.That(rows["ada@network.test"].GetProperty("unsubscribeToken").GetString(), Does.Match("^s[0-9]+-u-[a-z2-7]{10}$"));
        Assert.That(rows["ben@network.test"].GetProperty("status").GetString(), Is.EqualTo("unsubscribed"));
    }

    [Test]
    public async Task Add_and_remove_manage_one_subscriber_and_say_what_they_did()
    {
        using var data = new TempDataDir();

        var added = await AppProcess.RunAsync(["subscribers", "add", "Cy@Network.test", "--name", "Cy", "--data-dir", data.Path]);
        var removed = await AppProcess.RunAsync(["subscribers", "remove", "cy@network.test", "--data-dir", data.Path]);
        var again = await AppProcess.RunAsync(["subscribers", "remove", "cy@network.test", "--data-dir", data.Path]);
        var invalid = await AppProcess.RunAsync(["subscribers", "add", "nobody", "--data-dir", data.Path]);

        Assert.That((added.ExitCode, added.Stdout.Trim()), Is.EqualTo((0, "Added subscriber cy@network.test.")));
        Assert.That((removed.ExitCode, removed.Stdout.Trim()), Is.EqualTo((0, "Removed cy@network.test.")));
        Assert.That(again.ExitCode, Is.EqualTo(1));
        Assert.That(again.Stderr, Does.Contain("cy@network.test is not a subscriber"));
        Assert.That(invalid.ExitCode, Is.EqualTo(2));
    }
}
