using AngleSharp.Html.Parser;
using MimeKit;
using StpCollector.Tests.Support;

namespace StpCollector.Tests.Bulletins;

/// <summary>The bulletin built from the shipped editorial and the known data set (figures hand-computed in Support/ReturnsBuilder.cs).</summary>
public sealed class BulletinRenderingTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Clock:Now"] = "2026-12-01T10:00:00Z",
        ["Bulletins:UnsubscribeBaseUrl"] = "https://stp.lga.test/unsubscribe",
    };

    [Test]
    public async Task The_archived_html_has_the_sections_the_figures_the_chart_alt_text_and_working_links()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(Settings);
        KnownRounds.Create(ReturnsBuilder.For(host));
        await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test"]);

        var sent = await BulletinFixture.SendNowAsync(host);

        var folder = Directory.GetDirectories(Path.Combine(data.Path, "bulletins")).Single();
        Assert.That(Path.GetFileName(folder), Is.EqualTo($"{sent.Id:0000}-2026-12-01"));
        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(Path.Combine(folder, "bulletin.html")));
        Assert.That(document.QuerySelector("h1")!.TextContent, Is.EqualTo("STP network bulletin"));
        Assert.That(document.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()), Is.EqualTo(new[]
        {
            "Quick links", "Key figures", "Frequently asked issues and questions", "Returns received since Saturday 31 October 2026, 10:00", "Rounds open now",
        }));

        // The window starts 31 days back (Bulletins:FirstLookbackDays). Q7: yes or partly 4 of 5 (80%), London 3 of 3 (100%), the rest 1 of 2 (50%); previous round 1 of 4 (25%): up 55 points.
        var socialCare = document.QuerySelector("h3#faq-01-social-care")!;
        Assert.That(socialCare.TextContent, Is.EqualTo("Are social care pressures and demand recognised in STPs?"));
        var answer = socialCare.NextElementSibling!.TextContent;
        Assert.That(answer, Does.StartWith("Four in five of the responding councils (80%, 4 of 5) say their plan at least partly recognises"));
        Assert.That(answer, Does.Contain("up 55 points since STP-R1").And.Contain("In London the share is 100%, against 50% in the rest of England"));
        var contents = document.QuerySelectorAll("#faq ul a").Select(a => a.GetAttribute("href")!.TrimStart('#')).ToList();
        Assert.That(contents, Has.Count.EqualTo(8));
        Assert.That(contents.Select(id => document.GetElementById(id)?.TagName), Is.All.EqualTo("H3"), "every contents link has its question");

        var images = document.QuerySelectorAll("#key-figures img").ToList();
        Assert.That(images.Select(i => i.GetAttribute("src")), Is.EqualTo(new[] { "chart-q7.png", "chart-q5.png", "chart-q1.png" }));
        Assert.That(images.Select(i => File.Exists(Path.Combine(folder, i.GetAttribute("src")!))), Is.All.True);
        Assert.That(images[0].GetAttribute("alt"), Does.Contain("Yes 60% (3), London 67%, rest of England 50%"));
        var firstTable = document.QuerySelector("#key-figures table")!;
        Assert.That(firstTable.QuerySelectorAll("tbody tr").Select(r => r.Children[0].TextContent + "|" + r.Children[1].TextContent), Is.EqualTo(new[]
        {
            "Yes|60% (3)", "Partly|20% (1)", "No|20% (1)",
        }));

        Assert.That(document.QuerySelectorAll("#quick-links a").Select(a => a.GetAttribute("href")), Is.All.StartWith("https://"));
        Assert.That(document.QuerySelector("#returns")!.TextContent, Does.Contain("5 new or updated returns").And.Contain("Barnet, Camden, Hartlepool, Islington, Middlesbrough"));
        Assert.That(document.QuerySelector("#open-rounds")!.TextContent, Does.Contain("No survey round is open"));
        Assert.That(document.QuerySelector("footer a")!.GetAttribute("href"), Does.StartWith("mailto:"));
        Assert.That(File.ReadAllText(Path.Combine(folder, "bulletin.txt")), Does.Contain("Yes: 60% (3); London 67%, rest of England 50%"));
    }

    [Test]
    public async Task Each_subscriber_gets_a_multipart_message_with_the_chart_inline_and_their_own_unsubscribe_headers()
    {
        using var data = new TempDataDir();
        using var host = await data.StartHostAsync(Settings);
        KnownRounds.Create(ReturnsBuilder.For(host));
        var subscribers = await BulletinFixture.AddSubscribersAsync(host, ["ada@network.test", "ben@network.test"]);

        var sent = await BulletinFixture.SendNowAsync(host);

        var queued = BulletinFixture.Outbox(data.Path);
        Assert.That(queued.Select(q => (q.Recipient, q.Topic)), Is.EqualTo(new[] { ("ada@network.test", $"bulletin:{sent.Id}"), ("ben@network.test", $"bulletin:{sent.Id}") }));
        var message = queued[0].Message;
        Assert.That(message.Body, Is.InstanceOf<MultipartAlternative>());
        var related = ((MultipartAlternative)message.Body!).OfType<MultipartRelated>().Single();
        var images = related.OfType<MimePart>().Where(p => p.ContentType.MimeType == "image/png").ToList();
        Assert.That(images, Has.Count.EqualTo(3));
        Assert.That(message.HtmlBody, Does.Contain($"src=\"cid:{images[0].ContentId}\""));
        Assert.That(message.TextBody, Does.Contain("(80%, 4 of 5)"));

        var token = subscribers[0].UnsubscribeToken;
        Assert.That(message.Headers["List-Unsubscribe"], Is.EqualTo(
            $"<mailto:returns+{token}@lga.test?subject=unsubscribe>, <https://stp.lga.test/unsubscribe/{token}>"));
        Assert.That(message.Headers["List-Unsubscribe-Post"], Is.EqualTo("List-Unsubscribe=One-Click"));
        Assert.That(message.ReplyTo.Mailboxes.Single().Address, Is.EqualTo($"returns+{token}@lga.test"));
        Assert.That(queued[1].Message.Headers["List-Unsubscribe"], Does.Contain(subscribers[1].UnsubscribeToken).And.Not.Contain(token));
        Assert.That(message.HtmlBody, Does.Contain($"https://stp.lga.test/unsubscribe/{token}").And.Not.Contain("%%"));
    }

    [Test]
    public async Task A_placeholder_naming_a_missing_figure_stops_the_preview_and_names_the_file()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            KnownRounds.Create(ReturnsBuilder.For(host));
        var config = BulletinFixture.CopyConfig(data);
        var faq = Path.Combine(config, "bulletins", "faq", "09-typo.md");
        await File.WriteAllTextAsync(faq, "## A question\n\nThe share is {{ q.q7.share.maybe }}%.\n");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["bulletin", "preview", "--data-dir", data.Path],
            new Dictionary<string, string> { ["STPCOLLECTOR__Paths__Config"] = config });

        Assert.That(exit, Is.EqualTo(1), stdout + stderr);
        Assert.That(stderr, Does.Contain(faq).And.Contain("maybe"));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public async Task Preview_writes_one_html_file_with_the_charts_embedded()
    {
        using var data = new TempDataDir();
        using (var host = await data.StartHostAsync())
            KnownRounds.Create(ReturnsBuilder.For(host));
        var file = data.File("preview.html");

        var (exit, stdout, stderr) = await AppProcess.RunAsync(["bulletin", "preview", "--out", file, "--data-dir", data.Path]);

        Assert.That(exit, Is.EqualTo(0), stdout + stderr);
        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(file));
        Assert.That(document.QuerySelectorAll("img").Select(i => i.GetAttribute("src")), Has.All.StartWith("data:image/png;base64,"));
        Assert.That(stderr, Does.Contain("approval is off"));
    }
}
