using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using StpCollector.Shared;

namespace StpCollector.Web;

/// <summary>
/// A record a page asked a feature for that does not exist (a <see cref="NotFoundProblem"/>) is the 404 page, once for
/// every page, so a page model calls the feature and lets the problem through instead of catching it itself.
/// </summary>
internal sealed class NotFoundAsPage : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is NotFoundProblem && !executed.ExceptionHandled)
        {
            executed.Result = new NotFoundResult();
            executed.ExceptionHandled = true;
        }
    }
}
