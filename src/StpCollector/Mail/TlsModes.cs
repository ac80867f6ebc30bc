using MailKit.Security;

namespace StpCollector.Mail;

internal static class TlsModes
{
    public static SecureSocketOptions ToMailKit(this TlsMode mode) => mode switch
    {
        TlsMode.None => SecureSocketOptions.None,
        TlsMode.StartTls => SecureSocketOptions.StartTls,
        TlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
