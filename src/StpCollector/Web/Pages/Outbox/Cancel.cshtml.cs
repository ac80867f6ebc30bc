using StpCollector.Outbox;

namespace StpCollector.Web.Pages.Outbox;

/// <summary>`outbox cancel` for officers: a waiting or failed message is withdrawn and never sent; a sent one cannot be called back.</summary>
public sealed class CancelModel : OutboxActionPage
{
    private protected override string Action => "outbox cancel";

    private protected override string Done => "cancelled";

    private protected override Task<OutboxEntry> ChangeAsync(OutboxBrowser outbox, long id) => outbox.CancelAsync(id, Aborted);
}
