using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using StpCollector.Audit;
using StpCollector.Bulletins;
using StpCollector.Shared;

namespace StpCollector.Web.Pages.Subscribers;

/// <summary>`subscribers add` for officers: one person, or one who unsubscribed or was suspended signed up again.</summary>
[Authorize(Policy = StaffPolicies.Officer)]
public sealed class AddModel : ConsolePage
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email))
            ModelState.AddModelError(nameof(Email), "Enter the subscriber's email address, like name@council.gov.uk.");
        if ((Name ?? "").Length > 200)
            ModelState.AddModelError(nameof(Name), "The name is too long: keep it under 200 characters.");
        if (!ModelState.IsValid)
            return Again();
        (Subscriber Subscriber, bool Added) result;
        try
        {
            result = await Service<SubscriberStore>().AddAsync(Email ?? "", string.IsNullOrWhiteSpace(Name) ? null : Name.Trim(), Aborted);
        }
        catch (InvalidInputProblem)
        {
            ModelState.AddModelError(nameof(Email), $"'{Email}' is not an email address: enter it like name@council.gov.uk.");
            return Again();
        }

        await AuditAsync(new AuditChange("subscribers add", "subscribers", result.Subscriber.Email, After: result.Subscriber.Status,
            Detail: result.Added ? "added" : "was already on the list; now active"));
        return Redirect($"/subscribers?done={(result.Added ? "added" : "resubscribed")}");
    }

    private IActionResult Again()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
