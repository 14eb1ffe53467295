using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Cohort.Web.Infrastructure.Html;

/// <summary>
/// Renders a Razor view to text inside a request (an HTML document that goes into a download), so documents are
/// written in Razor like the pages: encoded by default and localized with the same texts.
/// </summary>
public static class RazorText
{
    public static async Task<string> RenderAsync<TModel>(HttpContext http, string viewPath, TModel model)
    {
        ArgumentNullException.ThrowIfNull(http);
        var services = http.RequestServices;
        var found = services.GetRequiredService<IRazorViewEngine>().GetView(executingFilePath: null, viewPath, isMainPage: true);
        if (!found.Success)
        {
            throw new InvalidOperationException($"There is no Razor view at {viewPath}.");
        }

        var action = new ActionContext(http, http.GetRouteData(), new ActionDescriptor());
        var viewData = new ViewDataDictionary<TModel>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var context = new ViewContext(action, found.View, viewData, new TempDataDictionary(http, services.GetRequiredService<ITempDataProvider>()), writer, new HtmlHelperOptions());
        await found.View.RenderAsync(context);
        return writer.ToString();
    }
}
