using System.Collections.Concurrent;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;
using StpCollector.Shared;

namespace StpCollector.Templates;

/// <summary>
/// Renders the Liquid templates staff edit in config/templates/ (NAME.liquid). Model members are exposed in
/// snake_case (CouncilName becomes council_name). Variables are strict: a name the model does not have is an
/// error, never an empty hole in a sent message. Parsed templates are cached per process.
/// </summary>
internal sealed class TemplateRenderer(AppPaths paths)
{
    private readonly ConcurrentDictionary<string, Template> cache = new(StringComparer.Ordinal);

    public string Render(string name, object model) => RenderTemplate(Load(name), model, $"template {PathOf(name)}");

    /// <summary>Renders Liquid text that is not a template file (e.g. a bulletin's Markdown), naming it in errors.</summary>
    public static string RenderSource(string source, object model, string what) =>
        RenderTemplate(Parse(source, what), model, what);

    public bool Exists(string name) => File.Exists(PathOf(name));

    private Template Load(string name) => cache.GetOrAdd(name, n =>
    {
        var file = PathOf(n);
        if (!File.Exists(file))
            throw new UnavailableProblem($"The template {file} is missing. Restore it from the StpCollector release or set Paths:Config.");
        return Parse(File.ReadAllText(file), $"template {file}");
    });

    private string PathOf(string name) => Path.Combine(paths.TemplatesDir, name + ".liquid");

    private static Template Parse(string source, string what)
    {
        var template = Template.ParseLiquid(source);
        if (template.HasErrors)
            throw new UnavailableProblem($"{what}: the Liquid markup is not valid: {string.Join("; ", template.Messages)}");
        return template;
    }

    /// <summary>{{ n | plural: "council", "councils" }} gives "1 council" or "3 councils". Built once: importing a delegate reflects over it.</summary>
    private static readonly ScriptObject Functions = CreateFunctions();

    /// <summary>
    /// A context per thread, reset between renders: building one (with its Liquid builtins) costs more than most renders.
    /// Rendering is synchronous, so a context is never shared by two renders at once.
    /// </summary>
    [ThreadStatic]
    private static LiquidTemplateContext? reusable;

    private static ScriptObject CreateFunctions()
    {
        var functions = new ScriptObject();
        functions.Import("plural", new Func<long, string, string, string>(Plural.Of));
        functions.IsReadOnly = true; // shared by every thread's context
        return functions;
    }

    private static string RenderTemplate(Template template, object model, string what)
    {
        var globals = new ScriptObject();
        globals.Import(model);
        var context = reusable ??= new LiquidTemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
        };
        context.PushCulture(System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        context.PushGlobal(Functions);
        context.PushGlobal(globals);
        var rendered = false;
        try
        {
            var text = template.Render(context);
            rendered = true;
            return text;
        }
        catch (ScriptRuntimeException e)
        {
            throw new UnavailableProblem($"{what}: {e.OriginalMessage} (at line {e.Span.Start.Line + 1})");
        }
        finally
        {
            // Reset drops this render's globals, culture and output, keeping the builtins and the member accessors learned;
            // a render that failed half-way may leave more behind, so its context is not reused.
            if (rendered)
                context.Reset();
            else
                reusable = null;
        }
    }
}
