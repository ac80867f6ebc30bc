using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace StpCollector.Mail;

internal static class MailServiceCollectionExtensions
{
    public static IServiceCollection AddMailTransports(this IServiceCollection services)
    {
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<PickupFolderTransport>();
        services.AddSingleton<ImapMailbox>();
        services.AddSingleton<DropFolderMailbox>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Outbound == OutboundTransport.Smtp
            ? sp.GetRequiredService<SmtpTransport>()
            : sp.GetRequiredService<PickupFolderTransport>());
        services.AddSingleton<IMailbox>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Inbound == InboundTransport.Imap
            ? sp.GetRequiredService<ImapMailbox>()
            : sp.GetRequiredService<DropFolderMailbox>());
        return services;
    }
}
