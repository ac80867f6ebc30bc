using System.Data.Common;
using StpCollector.Contacts;

namespace StpCollector.Ingestion;

/// <summary>
/// Who may be sent a receipt. A receipt lists a council's recorded answers, so it goes only to a known contact of that
/// council or to an address on its domain (the domain of one of its contacts, as <see cref="SenderCheckRule"/> reads it),
/// whatever the sender check is set to. Anyone else gets one only when staff name them (holding-pen assign --receipt-to).
/// </summary>
internal static class ReceiptRecipientRule
{
    /// <summary>Null when the address may have the council's receipt; otherwise why not, in words for staff.</summary>
    public static async Task<string?> ProblemAsync(DbConnection connection, DbTransaction transaction, string recipient, string councilCode, string councilName)
    {
        var emails = await ContactDirectory.EmailsOfAsync(councilCode, connection, transaction);
        if (emails.Any(e => e.Equals(recipient, StringComparison.OrdinalIgnoreCase)))
            return null;
        if (emails.Select(EmailAddress.DomainOf).Contains(EmailAddress.DomainOf(recipient)))
            return null;
        return emails.Count == 0
            ? $"{recipient} is not a contact of {councilName}, which has no contacts on record"
            : $"{recipient} is not a contact of {councilName} and not on its domain";
    }
}
