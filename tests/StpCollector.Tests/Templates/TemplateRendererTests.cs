using StpCollector.Calendar;
using StpCollector.Shared;
using StpCollector.Templates;

namespace StpCollector.Tests.Templates;

public sealed class TemplateRendererTests
{
    [Test]
    public void Known_variables_render_with_nested_members()
    {
        var text = TemplateRenderer.RenderSource("Dear {{ council.name }}, reply by {{ deadline }}.",
            new { council = new { name = "Camden" }, deadline = "Friday" }, "test");

        Assert.That(text, Is.EqualTo("Dear Camden, reply by Friday."));
    }

    [Test]
    public void A_missing_variable_is_an_error_naming_it()
    {
        var error = Assert.Catch<Problem>(() =>
            TemplateRenderer.RenderSource("Share: {{ figures.social_care_share }}", new { figures = new { other = 1 } }, "bulletin intro.md"));

        Assert.That(error!.Message, Does.Contain("bulletin intro.md").And.Contain("social_care_share"));
    }

    [Test]
    public void London_wall_clock_is_converted_across_summer_time()
    {
        Assert.That(LondonTime.FromLondon(new DateTime(2026, 7, 1, 9, 0, 0)).UtcDateTime, Is.EqualTo(new DateTime(2026, 7, 1, 8, 0, 0)));
        Assert.That(LondonTime.FromLondon(new DateTime(2026, 12, 1, 9, 0, 0)).UtcDateTime, Is.EqualTo(new DateTime(2026, 12, 1, 9, 0, 0)));
    }
}
