using Microsoft.AspNetCore.Mvc;
using StpCollector.Outbox;

namespace StpCollector.Web.Pages.Outbox;

/// <summary>Outgoing mail, newest first, filtered by status and kind.</summary>
public sealed class IndexModel : ConsolePage
{
    internal string? Status { get; private set; }

    internal string? Kind { get; private set; }

    internal IReadOnlyList<OutboxEntry> Entries { get; private set; } = [];

    internal ListLinks Links { get; private set; } = new(null, null);

    internal bool Filtered => Status is not null || Kind is not null;

    public async Task<IActionResult> OnGetAsync(string? status, string? kind, string? before)
    {
        Status = string.IsNullOrEmpty(status) ? null : status;
        Kind = string.IsNullOrEmpty(kind) ? null : kind;
        if (Status is not null && !OutboxBrowser.Statuses.Contains(Status))
            ModelState.AddModelError("status", "Choose a status from the list");
        if (Kind is not null && !OutboxBrowser.Kinds.Contains(Kind))
            ModelState.AddModelError("kind", "Choose a kind of message from the list");
        if (!ListLinks.TryReadBefore(before, out var after))
            ModelState.AddModelError("", ListLinks.BadBefore);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var rows = await Service<OutboxBrowser>().ListAsync(Status, Kind, null, ListLinks.PageSize + 1, Aborted, after);
        Entries = rows.Take(ListLinks.PageSize).ToList();
        Links = ListLinks.ByKey(Request, after is null, rows.Count > ListLinks.PageSize, Entries.Count > 0 ? Entries[^1].Id : 0);
        return Page();
    }

    /// <summary>The page of the record a message belongs to, where the console has one by id (rounds are reached by reference).</summary>
    internal static string? TopicHref(string? topic) => Topic.ParseOrNull(topic) switch
    {
        { Id: { } id, Feature: "foi" } => $"/foi/{id}",
        { Id: { } id, Feature: "bulletin" } => $"/bulletins/{id}",
        _ => null,
    };

    internal static string StatusTag(string status) => status switch
    {
        "sent" => "govuk-tag--green",
        "failed" => "govuk-tag--red",
        "cancelled" => "govuk-tag--grey",
        _ => "govuk-tag--blue",
    };
}
