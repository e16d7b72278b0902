using Onboarding.Core.Drift;

namespace Onboarding.Core.Tests.Drift;

public sealed class DriftRendererTests
{
    private static DriftItem Edited(string value) => new(
        "tidepool", DriftKind.PropertyEdited, "HubSpot", "communities/tidepool.yaml", 4, "long_name", value, "Tidepool",
        $"HubSpot's long_name of community tidepool is {value}; the manifest says \"Tidepool\".", "Change long_name (line 4).");

    [Fact]
    public void Markdown_ValueEditedInHubSpotWithTableHtmlAndMention_StaysInItsCellAndMentionsNobody()
    {
        // Given a value someone typed into the CRM
        var report = new DriftReport([Edited("x | <img src=x onerror=alert(1)> @example-org/bd\nnext")], 3, []);

        // When
        var markdown = DriftRenderer.Markdown(report, (file, line) => $"https://github.example/o/r/blob/abc/{file}#L{line}");

        // Then the row has its four cells, no raw HTML and no live mention, and links the manifest line
        var row = markdown.Split('\n').Single(l => l.StartsWith("| [communities/tidepool.yaml:4]", StringComparison.Ordinal));
        row.ShouldContain("(https://github.example/o/r/blob/abc/communities/tidepool.yaml#L4) `long_name` | HubSpot |");
        row.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|').ShouldBe(5);
        row.ShouldNotContain("<img");
        row.ShouldNotContain("@example-org");
    }

    [Fact]
    public void Text_NoDifferences_SaysSoWithTheNumberOfManifests()
    {
        // Given
        var report = new DriftReport([], 3, ["Read the built-in sandbox."]);

        // When
        var text = DriftRenderer.Text(report);

        // Then
        text.ShouldBe("No drift: HubSpot and Freshdesk agree with the 3 manifest(s).\nRead the built-in sandbox.\n", StringCompareShould.IgnoreLineEndings);
    }
}
