using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Onboarding.Core.Turnup;

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
                MarkdownText.IsAllowed(link.Url, allowMailto: false).ShouldBeTrue($"link to {link.Url}");
            foreach (var autolink in document.Descendants<AutolinkInline>())
                (!autolink.IsEmail && MarkdownText.IsAllowed(autolink.Url, allowMailto: false)).ShouldBeTrue($"autolink to {autolink.Url}");
            document.Descendants<LinkReferenceDefinition>().Where(d => d is not Markdig.Extensions.AutoIdentifiers.HeadingLinkReferenceDefinition).ShouldBeEmpty();
            foreach (var table in document.Descendants<Table>())
            {
                foreach (var row in table.OfType<TableRow>())
                    row.Count.ShouldBe(3, $"table row at line {row.Line + 1}: {markdown.Split('\n')[row.Line]}");
            }
        }

        // GitHub does not look for mentions in code, where community Markdown may legitimately have them.
        Mention().Matches(WithoutCode(markdown)).ShouldBeEmpty("an @mention or #reference that would notify");
        foreach (var bad in new[] { "<script", "<img", "</details", "<svg", "<iframe", "\u202E", "\u202D", "\u2066", "\u2067", "\u2068", "\u2069", "\u200B", "\u200C", "\u200D", "\uFEFF", "](javascript:", "](data:" })
            markdown.ShouldNotContain(bad, Case.Insensitive);
        markdown.Length.ShouldBeLessThan(65_536, "GitHub refuses longer issue bodies");
    }

    private static string WithoutCode(string markdown)
    {
        var text = markdown.ToCharArray();
        var document = Markdown.Parse(markdown, MarkdownText.GitHubPipeline);
        foreach (var node in document.Descendants().Where(n => n is CodeInline or CodeBlock))
        {
            for (var i = node.Span.Start; i <= node.Span.End && i < text.Length; i++)
                text[i] = ' ';
        }

        return new string(text);
    }

    [GeneratedRegex("(?<![A-Za-z0-9])@[A-Za-z0-9]|#[0-9]")]
    private static partial Regex Mention();
}
