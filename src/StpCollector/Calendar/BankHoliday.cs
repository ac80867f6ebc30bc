namespace StpCollector.Calendar;

/// <summary>One row of the bank holiday list: a date observed as a holiday in one jurisdiction.</summary>
internal sealed record BankHoliday(DateOnly Date, string Jurisdiction, string Name);
