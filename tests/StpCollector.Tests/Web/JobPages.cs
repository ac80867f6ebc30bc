using System.Net;
using System.Text.RegularExpressions;

namespace StpCollector.Tests.Web;

/// <summary>Follows where an action sent the browser: straight to its result, or to a background job's page until the job ends and then to its result.</summary>
internal static partial class JobPages
{
    public static async Task<string> FollowAsync(ConsoleClient client, string location, int seconds = 60)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (true)
        {
            var (status, body) = await client.GetAsync(location);
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), location);
            if (!location.StartsWith("/jobs/", StringComparison.Ordinal))
                return body;
            if (!body.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                var result = ResultLink().Match(body);
                Assert.That(result.Success, Is.True, $"the job at {location} ended without a result:\n{body}");
                return (await client.GetAsync(WebUtility.HtmlDecode(result.Groups["href"].Value))).Body;
            }

            if (DateTime.UtcNow > deadline)
                Assert.Fail($"the job at {location} did not finish within {seconds} s:\n{body}");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("<a class=\"govuk-link\" href=\"(?<href>[^\"]+)\">See the result</a>")]
    private static partial Regex ResultLink();
}
