using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace StpCollector.Web;

internal static class ModelStateExtensions
{
    public static bool HasError(this ModelStateDictionary state, string field) =>
        state.TryGetValue(field, out var entry) && entry.Errors.Count > 0;
}
