using MimeKit;
using StpCollector.Outbox;

namespace StpCollector.Benchmarks.Generators;

/// <summary>
/// gen-outbox: a bulletin-sized message (text + HTML + one inline PNG chart, about 80 KB) queued for N subscribers
/// through the app's OutboxWriter in one transaction, as the bulletin sender queues it. Also writes the first
/// message to --sample-out so smtp-source can send exactly as many bytes.
/// </summary>
public static class OutboxGenerator
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var recipients = args.Int("recipients");
        var png = ChartPng.Make(640, 360, noisyPercent: args.Int("image-noise", 4));
        using var host = await BenchHost.StartAsync(args.Text("data-dir"));
        var writer = host.Get<OutboxWriter>();

        await using var connection = await host.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        long bytes = 0;
        for (var n = 1; n <= recipients; n++)
        {
            var message = BulletinText.Message(n, png);
            await writer.EnqueueAsync(connection, transaction, new OutgoingMessage("bulletin", "bulletin:bench", null, message));
            if (n == 1)
            {
                await using var sample = File.Create(args.Text("sample-out"));
                await message.WriteToAsync(sample);
                bytes = sample.Length;
            }
        }

        await transaction.CommitAsync();
        Console.WriteLine($"gen-outbox: {recipients} bulletins of {bytes} bytes (chart {png.Length} bytes) queued");
        return 0;
    }
}
