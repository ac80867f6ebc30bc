using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Bulletins;
using StpCollector.Storage;
using StpCollector.Tests.Support;
using static StpCollector.Tests.Web.HoldingPenPageTests;

namespace StpCollector.Tests.Web;

public sealed class SubscribersPageTests
{
    [Test]
    public async Task Subscribers_are_private_listed_by_email_filtered_by_status_and_their_names_shown_as_text()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        using var anonymous = server.Anonymous();
        using var redirected = await anonymous.GetResponseAsync("/subscribers");
        Assert.That(redirected.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "personal data: never without signing in");
        using var viewer = await server.SignInAsync("viewer@lga.test");
        Assert.That((await viewer.GetAsync("/subscribers")).Body, Does.Contain("No one subscribes to the bulletin yet").And.Not.Contain("<table"));

        var store = server.Services.GetRequiredService<SubscriberStore>();
        await store.AddAsync("reader@council.test", Script);
        var (gone, _) = await store.AddAsync("gone@council.test", "Gone Reader");
        await using (var connection = await server.Services.GetRequiredService<Database>().OpenAsync())
        await using (var transaction = connection.BeginTransaction())
        {
            await SubscriberStore.SetStatusAsync(connection, transaction, gone.Id, SubscriberStore.Unsubscribed, "one-click unsubscribe", DateTimeOffset.UtcNow);
            await transaction.CommitAsync();
        }

        var all = (await viewer.GetAsync("/subscribers")).Body;
        Assert.That(all, Does.Contain("reader@council.test").And.Contain("gone@council.test").And.Contain("2 subscribers"));
        Assert.That(all, Does.Contain(EncodedScript).And.Not.Contain("<script>alert"));
        var active = (await viewer.GetAsync("/subscribers?status=active")).Body;
        Assert.That(active, Does.Contain("reader@council.test").And.Not.Contain("gone@council.test"));
        var unsubscribed = (await viewer.GetAsync("/subscribers?status=unsubscribed")).Body;
        Assert.That(unsubscribed, Does.Contain("gone@council.test").And.Contain("one-click unsubscribe").And.Not.Contain("reader@council.test"));
        Assert.That((await viewer.GetAsync("/subscribers?status=suspended")).Body, Does.Contain("No subscribers have that status"));
        var (status, wrong) = await viewer.GetAsync("/subscribers?status=vip");
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(wrong, Does.Contain("Choose a status from the list"));
    }

    [Test]
    public async Task A_long_list_of_subscribers_is_read_page_by_page()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var store = server.Services.GetRequiredService<SubscriberStore>();
        for (var i = 1; i <= 51; i++)
            await store.AddAsync($"reader{i:00}@council.test", null);
        using var viewer = await server.SignInAsync("viewer@lga.test");

        var first = (await viewer.GetAsync("/subscribers")).Body;
        Assert.That(first, Does.Contain("reader50@council.test").And.Not.Contain("reader51@council.test").And.Contain("href=\"/subscribers?page=2\""));
        var second = (await viewer.GetAsync("/subscribers?page=2")).Body;
        Assert.That(second, Does.Contain("reader51@council.test").And.Not.Contain("reader50@council.test").And.Contain("href=\"/subscribers\""));
        Assert.That((await viewer.GetAsync("/subscribers?page=0")).Status, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
