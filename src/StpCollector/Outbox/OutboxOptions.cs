using StpCollector.Hosting;

namespace StpCollector.Outbox;

/// <summary>Section "Outbox": how fast and how persistently the dispatch sweep sends what is queued.</summary>
public sealed class OutboxOptions : IValidatedOptions
{
    public const string Section = "Outbox";

    /// <summary>Messages per second across all connections; 0 sends as fast as the server accepts.</summary>
    public double RatePerSecond { get; set; }

    /// <summary>Rows read from the outbox at a time (bounds the memory the stored MIME takes).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>SMTP connections used side by side; each is reused for every message it sends in a sweep.</summary>
    public int Connections { get; set; } = 1;

    /// <summary>Send attempts before a message that keeps failing transiently (4xx, dropped connection) is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait after the first transient failure; it doubles with each further attempt, up to MaxRetrySeconds.</summary>
    public int BaseRetrySeconds { get; set; } = 60;

    public int MaxRetrySeconds { get; set; } = 3600;

    /// <summary>Exponential backoff: the wait before attempt number <paramref name="attemptsMade"/> + 1.</summary>
    public TimeSpan RetryDelay(int attemptsMade)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 30);
        var seconds = Math.Min((double)BaseRetrySeconds * Math.Pow(2, exponent), MaxRetrySeconds);
        return TimeSpan.FromSeconds(seconds);
    }

    public IEnumerable<string> Validate(string section)
    {
        if (RatePerSecond is < 0 or > 10_000 || double.IsNaN(RatePerSecond))
            yield return $"{section}:{nameof(RatePerSecond)} must be between 0 (no limit) and 10000 messages per second (it is {RatePerSecond}).";
        if (BatchSize is < 1 or > 10_000)
            yield return $"{section}:{nameof(BatchSize)} must be between 1 and 10000 (it is {BatchSize}).";
        if (Connections is < 1 or > 32)
            yield return $"{section}:{nameof(Connections)} must be between 1 and 32 (it is {Connections}).";
        if (MaxAttempts is < 1 or > 100)
            yield return $"{section}:{nameof(MaxAttempts)} must be between 1 and 100 (it is {MaxAttempts}).";
        if (BaseRetrySeconds is < 1 or > 86_400)
            yield return $"{section}:{nameof(BaseRetrySeconds)} must be between 1 and 86400 seconds (it is {BaseRetrySeconds}).";
        if (MaxRetrySeconds < BaseRetrySeconds || MaxRetrySeconds > 7 * 86_400)
            yield return $"{section}:{nameof(MaxRetrySeconds)} must be at least {nameof(BaseRetrySeconds)} ({BaseRetrySeconds}) and at most 604800 (it is {MaxRetrySeconds}).";
    }
}
