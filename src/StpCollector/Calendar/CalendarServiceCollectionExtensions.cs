using Microsoft.Extensions.DependencyInjection;

namespace StpCollector.Calendar;

internal static class CalendarServiceCollectionExtensions
{
    /// <summary>The bank holiday list and the working-day calendars built from it.</summary>
    public static IServiceCollection AddWorkingDayCalendar(this IServiceCollection services)
    {
        services.AddSingleton<HolidayCalendarStore>();
        services.AddSingleton<HolidayImporter>();
        return services;
    }
}
