using MimeKit;
using StpCollector.Shared;

namespace StpCollector.Mail;

/// <summary>
/// The embedded default: each message becomes DATA/mail/outbox/NAME.eml. The name comes from the Message-ID,
/// so sending the same message again after a crash replaces the file instead of adding a second one.
/// </summary>
internal sealed class PickupFolderTransport(AppPaths paths) : IMailTransport
{
    public string Describe() => $"pickup folder {paths.PickupDir}";

    public Task<IMailSession> ConnectAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.PickupDir);
        return Task.FromResult<IMailSession>(new Session(paths.PickupDir));
    }

    public static string FileNameFor(MimeMessage message)
    {
        var id = string.IsNullOrEmpty(message.MessageId) ? Guid.NewGuid().ToString("N") : message.MessageId;
        var safe = new string(id.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '@' or '+' ? c : '_').ToArray());
        return safe + ".eml";
    }

    private sealed class Session(string folder) : IMailSession
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            var target = Path.Combine(folder, FileNameFor(message));
            var partial = Path.Combine(folder, "." + Path.GetFileName(target) + ".tmp");
            try
            {
                await using (var stream = File.Create(partial))
                {
                    await message.WriteToAsync(stream, cancellationToken);
                    await stream.FlushAsync(cancellationToken);
                }

                File.Move(partial, target, overwrite: true);
            }
            catch
            {
                // A message is never half-written: on a full disk (or any failure) its temporary file goes at once.
                File.Delete(partial);
                throw;
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
