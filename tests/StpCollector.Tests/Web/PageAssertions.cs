using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace StpCollector.Tests.Web;

/// <summary>Reading console pages as staff see them: the table rows' texts, and no markup that came from outside.</summary>
internal static class PageAssertions
{
    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The first cell's text of every body row of the page's table whose caption contains the words.</summary>
    public static List<string> FirstCells(string html, string caption) =>
        Parse(html).QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Contains(caption, StringComparison.Ordinal) == true)
            .QuerySelectorAll("tbody tr").Select(row => row.QuerySelector("td")!.TextContent.Trim()).ToList();

    /// <summary>Hostile text arrived as data: it shows encoded, and no script or javascript: link came through.</summary>
    public static void ShowsAsText(string html, string encoded)
    {
        Assert.That(html, Does.Contain(encoded), "the hostile text must be shown, encoded");
        Assert.That(html, Does.Not.Contain("<script>alert").IgnoreCase);
        Assert.That(Parse(html).QuerySelectorAll("script"), Is.Empty, "the console has no inline script at all");
        Assert.That(Parse(html).QuerySelectorAll("[href]").Select(a => a.GetAttribute("href")!.Trim()),
            Has.None.StartsWith("javascript:").IgnoreCase);
    }
}
