using System.Data.Common;

namespace StpCollector.Contacts;

/// <summary>
/// A feature that keeps references to contacts (a round remembers the lead it invited). Before contacts are deleted, each
/// one lets go of them inside the same transaction, so the contacts list never needs to know who points at it.
/// </summary>
internal interface IContactReferences
{
    Task ReleaseAsync(IReadOnlyList<long> contactIds, DbConnection connection, DbTransaction transaction);

    /// <summary>
    /// Why the console should not remove these contacts now, in words for staff (null: nothing holds them). The command
    /// line's remove releases them regardless; the console offers deactivating instead.
    /// </summary>
    Task<string?> HoldsAsync(IReadOnlyList<long> contactIds, DbConnection connection, DbTransaction transaction) => Task.FromResult<string?>(null);
}
