using StpCollector.Outbox;

namespace StpCollector.Web.Pages.Outbox;

/// <summary>`outbox retry` for officers: a failed or cancelled message goes back in the queue; a sent one never goes twice.</summary>
public sealed class RetryModel : OutboxActionPage
{
    private protected override string Action => "outbox retry";

    private protected override string Done => "retried";

    private protected override Task<OutboxEntry> ChangeAsync(OutboxBrowser outbox, long id) => outbox.RetryAsync(id, Aborted);
}
