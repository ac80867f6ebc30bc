using StpCollector.Shared;

namespace StpCollector.Outbox;

/// <summary>Section "Outbox": how fast and how persistently the dispatch sweep sends what is queued.</summary>
internal sealed class OutboxOptions
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

    /// <summary>Every problem in the section, each naming its key.</summary>
    internal sealed class Validator : OptionsValidator<OutboxOptions>
    {
        protected override IEnumerable<string> Problems(OutboxOptions options)
        {
            if (options.RatePerSecond is < 0 or > 10_000 || double.IsNaN(options.RatePerSecond))
                yield return $"{Section}:{nameof(RatePerSecond)} must be between 0 (no limit) and 10000 messages per second (it is {options.RatePerSecond}).";
            if (options.BatchSize is < 1 or > 10_000)
                yield return $"{Section}:{nameof(BatchSize)} must be between 1 and 10000 (it is {options.BatchSize}).";
            if (options.Connections is < 1 or > 32)
                yield return $"{Section}:{nameof(Connections)} must be between 1 and 32 (it is {options.Connections}).";
            if (options.MaxAttempts is < 1 or > 100)
                yield return $"{Section}:{nameof(MaxAttempts)} must be between 1 and 100 (it is {options.MaxAttempts}).";
            if (options.BaseRetrySeconds is < 1 or > 86_400)
                yield return $"{Section}:{nameof(BaseRetrySeconds)} must be between 1 and 86400 seconds (it is {options.BaseRetrySeconds}).";
            if (options.MaxRetrySeconds < options.BaseRetrySeconds || options.MaxRetrySeconds > 7 * 86_400)
                yield return $"{Section}:{nameof(MaxRetrySeconds)} must be at least {nameof(BaseRetrySeconds)} ({options.BaseRetrySeconds}) and at most 604800 (it is {options.MaxRetrySeconds}).";
        }
    }
}
