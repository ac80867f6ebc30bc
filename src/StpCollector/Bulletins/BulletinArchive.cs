using StpCollector.Calendar;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Bulletins;

/// <summary>
/// Every sent bulletin is kept under DATA/bulletins/NNNN-YYYY-MM-DD/ as bulletin.html (charts as files beside it),
/// bulletin.txt and the PNGs, so staff can see exactly what went out. Written whole, then renamed into place.
/// </summary>
internal sealed class BulletinArchive(AppPaths paths)
{
    public string Root => Path.Combine(paths.DataDir, "bulletins");

    public string FolderFor(BulletinRecord bulletin) =>
        Path.Combine(Root, $"{bulletin.Id:0000}-{LondonTime.ToLondon(bulletin.ScheduledFor):yyyy-MM-dd}");

    public bool Has(BulletinRecord bulletin) => File.Exists(Path.Combine(FolderFor(bulletin), "bulletin.html"));

    public string Write(BulletinRecord bulletin, IReadOnlyList<(string Name, string Alt, byte[] Png)> charts)
    {
        var folder = FolderFor(bulletin);
        var partial = folder + ".partial";
        if (Directory.Exists(partial))
            Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        File.WriteAllText(Path.Combine(partial, "bulletin.html"), ForReading(bulletin.Html, charts, name => name));
        File.WriteAllText(Path.Combine(partial, "bulletin.txt"), UnsubscribeLinks.ForAnyReaderText(bulletin.Text));
        foreach (var (name, _, png) in charts)
            File.WriteAllBytes(Path.Combine(partial, name), png);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        Directory.Move(partial, folder);
        return folder;
    }

    /// <summary>A single self-contained HTML file (charts as data: URIs) for previews.</summary>
    public string SelfContained(string html, IReadOnlyList<(string Name, string Alt, byte[] Png)> charts) =>
        ForReading(html, charts, name => "data:image/png;base64," + Convert.ToBase64String(charts.First(c => c.Name == name).Png));

    private static string ForReading(string html, IReadOnlyList<(string Name, string Alt, byte[] Png)> charts, Func<string, string> source)
    {
        foreach (var (name, _, _) in charts)
            html = html.Replace("cid:" + BulletinDraft.ContentId(name), source(name));
        // The archived copy belongs to no one subscriber: it names no unsubscribe address (see UnsubscribeLinks).
        return UnsubscribeLinks.ForAnyReaderHtml(html);
    }
}
