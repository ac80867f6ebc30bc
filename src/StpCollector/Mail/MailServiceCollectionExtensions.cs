using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StpCollector.Shared;

namespace StpCollector.Mail;

internal static class MailServiceCollectionExtensions
{
    /// <summary>Mail settings, reply tokens and the transports the settings choose (SMTP or pickup folder out, IMAP or drop folder in).</summary>
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddValidatedOptions<MailOptions, MailOptions.Validator>(MailOptions.Section);
        services.AddValidatedOptions<SecurityOptions, SecurityOptions.Validator>(SecurityOptions.Section);
        services.AddSingleton<ReplyTokens>();
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
