using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace StpCollector.Web;

/// <summary>
/// A blank form field binds as "" rather than null, so a page's string properties are never null: a form sent with an
/// empty box gets the page's "enter a ..." message, not a crash.
/// </summary>
internal sealed class KeepEmptyStrings : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context)
    {
        if (context.Key.ModelType == typeof(string))
            context.DisplayMetadata.ConvertEmptyStringToNull = false;
    }
}
