using Dapper;
using StpCollector.Shared;
using StpCollector.Storage;

namespace StpCollector.Calendar;

/// <summary>
/// Reads the bank holiday list from the database. Each call reads afresh, so deadlines follow the list as soon as
/// it is corrected; the calendar it returns is immutable and fast to ask many times.
/// </summary>
internal sealed class HolidayCalendarStore(Database database)
{
    public sealed record Entry(DateOnly Date, string Jurisdiction, string Name, string Source);

    /// <summary>The FOIA calendar: bank holidays in every part of the UK are non-working days.</summary>
    public Task<WorkingDayCalendar> LoadUnitedKingdomAsync(CancellationToken cancellationToken = default) =>
        LoadAsync(Jurisdictions.All, cancellationToken);

    /// <summary>England and Wales holidays only, for "N working days before close" schedules.</summary>
    public Task<WorkingDayCalendar> LoadEnglandAndWalesAsync(CancellationToken cancellationToken = default) =>
        LoadAsync([Jurisdictions.EnglandAndWales], cancellationToken);

    public async Task<WorkingDayCalendar> LoadAsync(IReadOnlyCollection<string> jurisdictions, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var holidays = await connection.QueryAsync<Entry>(
            "SELECT date AS Date, jurisdiction AS Jurisdiction, name AS Name, source AS Source FROM bank_holidays");
        return new WorkingDayCalendar(holidays.Select(h => new BankHoliday(h.Date, h.Jurisdiction, h.Name)), jurisdictions);
    }

    public async Task<IReadOnlyList<Entry>> ListAsync(int year, string? jurisdiction = null, CancellationToken cancellationToken = default)
    {
        if (jurisdiction is not null && Jurisdictions.Normalise(jurisdiction) is null)
            throw new NotFoundProblem($"There is no jurisdiction '{jurisdiction}'. Use one of: {string.Join(", ", Jurisdictions.All)}.", field: "jurisdiction");
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Entry>("""
            SELECT date AS Date, jurisdiction AS Jurisdiction, name AS Name, source AS Source FROM bank_holidays
            WHERE date >= @from AND date < @to AND (@jurisdiction IS NULL OR jurisdiction = @jurisdiction)
            ORDER BY date, CASE jurisdiction WHEN 'england-and-wales' THEN 0 WHEN 'scotland' THEN 1 ELSE 2 END
            """, new { from = $"{year:D4}-01-01", to = $"{year + 1:D4}-01-01", jurisdiction = jurisdiction is null ? null : Jurisdictions.Normalise(jurisdiction) });
        return rows.ToList();
    }
}
