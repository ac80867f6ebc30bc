namespace StpCollector.Ingestion;

/// <summary>What became of an inbound message; stored in inbound_messages.outcome as <see cref="InboundOutcomes.Text"/>.</summary>
internal enum InboundOutcome { Stored, Held, AutoReply, Bounce, Loop, Handled, Rejected, Failed, Discarded }

/// <summary>The outcome words in the database and in `ingest` output, read and written only here.</summary>
internal static class InboundOutcomes
{
    private static readonly Dictionary<InboundOutcome, string> Words = new()
    {
        [InboundOutcome.Stored] = "stored", [InboundOutcome.Held] = "held", [InboundOutcome.AutoReply] = "auto_reply",
        [InboundOutcome.Bounce] = "bounce", [InboundOutcome.Loop] = "loop", [InboundOutcome.Handled] = "handled",
        [InboundOutcome.Rejected] = "rejected", [InboundOutcome.Failed] = "failed", [InboundOutcome.Discarded] = "discarded",
    };

    public static string Text(this InboundOutcome outcome) => Words[outcome];

    public static InboundOutcome Parse(string text) =>
        Words.FirstOrDefault(w => w.Value == text) is { Value: not null } found
            ? found.Key
            : throw new FormatException($"'{text}' is not an inbound outcome");
}
