using Microsoft.AspNetCore.WebUtilities;

namespace StpCollector.Web;

/// <summary>
/// Links between the pages of a long list, keeping the filters the person chose: "newest" goes back to the first page,
/// "older" carries on after the last row shown (keyset: rows with a smaller id), "page" numbers lists read whole.
/// </summary>
internal sealed record ListLinks(string? Newer, string? Older, string NewerLabel = "Newest", string OlderLabel = "Older")
{
    public const int PageSize = 50;

    /// <summary>Reads "before" (the last id of the page already shown); false when it is not a whole number.</summary>
    public static bool TryReadBefore(string? text, out long? before)
    {
        before = null;
        if (string.IsNullOrEmpty(text))
            return true;
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            return false;
        before = id;
        return true;
    }

    public const string BadBefore = "The link to the next page is not right: go back to the first page.";

    public static string Replace(HttpRequest request, params (string Key, string? Value)[] changes)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in changes)
            query[key] = value;
        var kept = query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => new KeyValuePair<string, string?>(p.Key, p.Value));
        return QueryHelpers.AddQueryString(request.Path.Value ?? "/", kept);
    }

    /// <summary>Links for a page read newest first by id, fetched with one row more than shown so "older" appears only when there is more.</summary>
    public static ListLinks ByKey(HttpRequest request, bool first, bool more, long lastShownId) => new(
        first ? null : Replace(request, ("before", null)),
        more ? Replace(request, ("before", lastShownId.ToString(System.Globalization.CultureInfo.InvariantCulture))) : null);

    /// <summary>Links for page <paramref name="page"/> (from 1) of a list read whole.</summary>
    public static ListLinks ByNumber(HttpRequest request, int page, bool more) => new(
        page <= 1 ? null : Replace(request, ("page", page == 2 ? null : (page - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))),
        more ? Replace(request, ("page", (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))) : null,
        "Previous", "Next");
}
