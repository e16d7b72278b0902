using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Onboarding.Core.Text;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Turnup;

/// <summary>Checks that rendered Markdown holds nothing active that manifest text could have put there.</summary>
internal static partial class RenderedMarkdown
{
    /// <summary>Both the dialect the renderer assumes and Markdig's fullest one, in case an extension reads more.</summary>
    private static readonly MarkdownPipeline[] Pipelines =
    [
        MarkdownText.GitHubPipeline,
        new MarkdownPipelineBuilder().UseAdvancedExtensions().Build(),
    ];

    /// <param name="allowedHtmlFirstLine">The marker comment that a turnup issue starts with, the only HTML allowed.</param>
    public static void ShouldBeInert(string markdown, string? allowedHtmlFirstLine = null)
    {
        foreach (var pipeline in Pipelines)
        {
            var document = Markdown.Parse(markdown, pipeline);
            foreach (var html in document.Descendants<HtmlBlock>())
            {
                (html.Line == 0 && allowedHtmlFirstLine is not null).ShouldBeTrue($"raw HTML block at line {html.Line + 1}");
                markdown.Split('\n')[0].ShouldBe(allowedHtmlFirstLine);
                html.Lines.Count.ShouldBe(1);
            }

            document.Descendants<HtmlInline>().ShouldBeEmpty("raw inline HTML");
            foreach (var link in document.Descendants<LinkInline>())
                Inertness.IsHttp(link.Url).ShouldBeTrue($"link to {link.Url}");
            foreach (var autolink in document.Descendants<AutolinkInline>())
                (!autolink.IsEmail && Inertness.IsHttp(autolink.Url)).ShouldBeTrue($"autolink to {autolink.Url}");
            document.Descendants<LinkReferenceDefinition>().Where(d => d is not Markdig.Extensions.AutoIdentifiers.HeadingLinkReferenceDefinition).ShouldBeEmpty();
            foreach (var table in document.Descendants<Table>())
            {
                foreach (var row in table.OfType<TableRow>())
                    row.Count.ShouldBe(3, $"table row at line {row.Line + 1}: {markdown.Split('\n')[row.Line]}");
            }
        }

        // Code is shown as it is written and GitHub looks for no mentions in it, so community Markdown may hold anything there.
        var prose = Inertness.WithoutCode(markdown);
        if (allowedHtmlFirstLine is not null && prose.StartsWith(allowedHtmlFirstLine, StringComparison.Ordinal))
            prose = prose[allowedHtmlFirstLine.Length..];
        Inertness.Mentions(prose).ShouldBeEmpty("an @mention or #reference that would notify");
        foreach (var bad in new[] { "](javascript:", "](data:", "javascript:", "data:" })
            prose.ShouldNotContain(bad, Case.Insensitive);
        TagStart().Matches(prose).ShouldBeEmpty("text that a Markdown dialect could read as HTML");
        foreach (var bad in new[] { "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200B", "\u200C", "\u200D", "\uFEFF" })
            markdown.ShouldNotContain(bad);
        markdown.Length.ShouldBeLessThan(65_536, "GitHub refuses longer issue bodies");
    }

    [GeneratedRegex("<(?!https?://[^<>\\s]*>)[A-Za-z/!?]")]
    private static partial Regex TagStart();
}
