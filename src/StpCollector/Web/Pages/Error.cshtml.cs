using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace StpCollector.Web.Pages;

/// <summary>What a person sees when a page is missing, not theirs to see, or broke: plain words, the same layout.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public int Code { get; set; }

    internal string Title => Code switch
    {
        404 => "Page not found",
        403 => "You cannot do that",
        400 => "Something in the request was not right",
        _ => "Sorry, there is a problem with the service",
    };

    internal string Explanation => Code switch
    {
        404 => "If you typed the web address, check it is correct. If you followed a link, the record may have been removed.",
        403 => "Your account's role does not allow this. Ask an administrator of this service if you need it.",
        400 => "The form may have expired: go back, reload the page and try again.",
        _ => "Try again later. Nothing you submitted was half-saved. If it keeps happening, tell the service's administrator the time it happened.",
    };

    public void OnGet() => Response.StatusCode = Code is >= 400 and < 600 ? Code : 404;

    public void OnPost() => OnGet();
}
