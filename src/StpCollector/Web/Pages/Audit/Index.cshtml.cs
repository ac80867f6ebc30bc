using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;

namespace StpCollector.Web.Pages.Audit;

/// <summary>The audit log: every change staff made, newest first, from a day on and by one person if asked.</summary>
public sealed class IndexModel : ConsolePage
{
    internal string Since { get; private set; } = "";

    internal string Who { get; private set; } = "";

    internal IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    internal ListLinks Links { get; private set; } = new(null, null);

    internal bool Filtered => Since.Length > 0 || Who.Length > 0;

    public async Task<IActionResult> OnGetAsync(string? since, string? actor, string? before)
    {
        Since = since?.Trim() ?? "";
        Who = actor?.Trim() ?? "";
        DateOnly? day = null;
        if (Since.Length > 0)
        {
            if (DateOnly.TryParseExact(Since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                day = parsed;
            else
                ModelState.AddModelError("since", "Enter the day as year-month-day, for example 2026-11-03");
        }

        if (!ListLinks.TryReadBefore(before, out var after))
            ModelState.AddModelError("", ListLinks.BadBefore);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var rows = await Service<AuditLog>().ListAsync(day, ListLinks.PageSize + 1, after, Who.Length > 0 ? Who : null, Aborted);
        Entries = rows.Take(ListLinks.PageSize).ToList();
        Links = ListLinks.ByKey(Request, after is null, rows.Count > ListLinks.PageSize, Entries.Count > 0 ? Entries[^1].Id : 0);
        return Page();
    }

    /// <summary>The page of a changed record, for the kinds of record the console shows by number.</summary>
    internal static string? RecordHref(AuditEntry entry) =>
        entry.RecordId.Length is > 0 and < 19 && entry.RecordId.All(char.IsAsciiDigit) && RecordPages.TryGetValue(entry.RecordType, out var folder)
            ? $"{folder}/{entry.RecordId}"
            : null;

    private static readonly Dictionary<string, string> RecordPages = new(StringComparer.Ordinal)
    {
        ["holding-pen"] = "/holding-pen", ["foi"] = "/foi", ["outbox"] = "/outbox", ["bulletin"] = "/bulletins",
    };

    internal static string Record(AuditEntry entry) => entry.RecordId.Length == 0 ? entry.RecordType : $"{entry.RecordType} {entry.RecordId}";
}
