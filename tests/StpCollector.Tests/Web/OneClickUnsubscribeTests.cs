using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Web;

public sealed class OneClickUnsubscribeTests
{
    [Test]
    public async Task A_get_changes_nothing_a_one_click_post_without_a_session_unsubscribes_and_is_audited()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data, new Dictionary<string, string?> { ["Web:PublicBaseUrl"] = "https://stp.lga.example" });
        var store = server.Services.GetRequiredService<SubscriberStore>();
        var (subscriber, _) = await store.AddAsync("reader@nhs.test", "A Reader");

        var link = server.Services.GetRequiredService<BulletinMessages>().UnsubscribeUrl(subscriber);
        Assert.That(link, Is.EqualTo($"https://stp.lga.example/unsubscribe/{subscriber.UnsubscribeToken}"), "the List-Unsubscribe URL sits under Web:PublicBaseUrl");

        using var anonymous = server.Anonymous();
        var (getStatus, page) = await anonymous.GetAsync($"/unsubscribe/{subscriber.UnsubscribeToken}");
        Assert.That(getStatus, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page, Does.Contain("r***@nhs.test").And.Contain("<button"));
        Assert.That((await store.ListAsync(activeOnly: true)).Select(s => s.Email), Does.Contain("reader@nhs.test"), "a GET must not unsubscribe");

        // What a mail provider sends (RFC 8058): a form POST with no cookie and no antiforgery token.
        using var post = await anonymous.Http.PostAsync($"/unsubscribe/{subscriber.UnsubscribeToken}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await post.Content.ReadAsStringAsync(), Does.Contain("You have unsubscribed"));
        Assert.That((await store.ListAsync(activeOnly: true)).Select(s => s.Email), Does.Not.Contain("reader@nhs.test"));

        using var again = await anonymous.Http.PostAsync($"/unsubscribe/{subscriber.UnsubscribeToken}", new FormUrlEncodedContent([]));
        Assert.That(await again.Content.ReadAsStringAsync(), Does.Contain("already unsubscribed"));
        var audit = await server.Services.GetRequiredService<AuditLog>().ListAsync(null, 10);
        Assert.That(audit.Count(a => a.Action == "unsubscribe" && a.Channel == "public"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_forged_or_altered_token_changes_nothing()
    {
        using var data = new TempDataDir();
        await using var server = await ConsoleServer.StartAsync(data);
        var store = server.Services.GetRequiredService<SubscriberStore>();
        var (subscriber, _) = await store.AddAsync("reader@nhs.test", "A Reader");
        var token = subscriber.UnsubscribeToken;
        var altered = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');
        var otherId = token.Replace($"s{subscriber.Id}-", $"s{subscriber.Id + 1}-", StringComparison.Ordinal);

        using var anonymous = server.Anonymous();
        foreach (var forged in new[] { altered, otherId, "s1-u-0000000000", "nonsense" })
        {
            using var post = await anonymous.Http.PostAsync($"/unsubscribe/{forged}", new FormUrlEncodedContent([]));
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), forged);
            Assert.That(await post.Content.ReadAsStringAsync(), Does.Contain("does not work"));
        }

        Assert.That((await store.ListAsync(activeOnly: true)).Select(s => s.Email), Does.Contain("reader@nhs.test"));
    }
}
