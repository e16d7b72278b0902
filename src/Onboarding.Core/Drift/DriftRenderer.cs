using System.Globalization;
using System.Text;
using Onboarding.Core.Text;

namespace Onboarding.Core.Drift;

/// <summary>The drift report as terminal text and as the Markdown of the drift issue and the step summary.</summary>
public static class DriftRenderer
{
    public static string Text(DriftReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(Headline(report));
        foreach (var item in report.Items)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{item.Place}{(item.Field.Length > 0 ? $" ({item.Field})" : "")}: {item.Service}: {item.Difference}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    {item.Fix}");
        }

        foreach (var note in report.Notes)
            text.AppendLine(note);
        // Quoted text (issue bodies, templates, services' words) must not become a command to the Actions runner.
        return LogText.Inert(text.ToString());
    }

    /// <summary>
    /// The issue body (and step summary). Stable for the same differences, so an unchanged run leaves the issue alone.
    /// </summary>
    /// <param name="fileLink">The web address of a file at a line, or null to show the place as text.</param>
    public static string Markdown(DriftReport report, Func<string, int, string?>? fileLink = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{MarkdownText.Inline(Headline(report))}").AppendLine();
        if (report.HasDrift)
        {
            text.AppendLine("Nothing was changed in HubSpot or Freshdesk. For each difference, change the manifest line when the service is right; otherwise do what its row says (apply leaves a value changed by hand alone unless onboarding.yaml lists the field under heal).")
                .AppendLine();
            text.AppendLine("| Where | Service | Difference | What to do |").AppendLine("| --- | --- | --- | --- |");
            foreach (var item in report.Items)
            {
                var place = MarkdownText.Cell(item.Place) + (item.Field.Length > 0 ? $" `{item.Field.Replace("`", "", StringComparison.Ordinal)}`" : "");
                if (item.Line > 0 && fileLink?.Invoke(item.File, item.Line) is { } link)
                    place = MarkdownText.Link(item.Place, link) + (item.Field.Length > 0 ? $" `{item.Field.Replace("`", "", StringComparison.Ordinal)}`" : "");
                text.AppendLine(CultureInfo.InvariantCulture, $"| {place} | {item.Service} | {MarkdownText.Cell(item.Difference)} | {MarkdownText.Cell(item.Fix)} |");
            }

            text.AppendLine();
        }

        foreach (var note in report.Notes)
            text.AppendLine(CultureInfo.InvariantCulture, $"- {MarkdownText.Inline(note)}");
        return text.ToString();
    }

    private static string Headline(DriftReport report) => report.Items.Count switch
    {
        0 => $"No drift: HubSpot and Freshdesk agree with the {report.CommunitiesChecked} manifest(s).",
        1 => "1 difference between HubSpot or Freshdesk and the manifests.",
        var n => $"{n} differences between HubSpot or Freshdesk and the manifests.",
    };
}
