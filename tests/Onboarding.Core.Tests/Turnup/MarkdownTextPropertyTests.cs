using System.Text;
using Onboarding.Core.Text;

namespace Onboarding.Core.Tests.Turnup;

/// <summary>Random Markdown-shaped text: whatever a community writes, cells and blocks come out inert.</summary>
public sealed class MarkdownTextPropertyTests
{
    /// <summary>
    /// Fixed seeds, so CI sees the same 500 inputs on every run and a failure reproduces from its seed; more inputs are
    /// explored by changing the range.
    /// </summary>
    private static readonly IEnumerable<int> Seeds = Enumerable.Range(0, 500);

    private static readonly string[] Tokens =
    [
        "<", ">", "</details>", "<!--", "-->", "<b>", "&", "&#64;", "&commat;", "&#x200B;", "[", "]", "(", ")", "![", "](", "]:",
        "javascript:", "data:", "https://example.org", "www.example.org", "mailto:", "@", "@everyone", "@org/team", "#", "#1",
        "`", "```", "~~~", "*", "_", "~", "|", "\\", "\n", "\n\n", "    ", "\t", "- ", "1. ", "> ", "---", "===", "\u202E", "\u2066",
        "\u200B", "\uFEFF", "\u2060", "a", "word", " ", ":", "\"", "'", "{", "}", "💥",
    ];

    [Fact]
    public void Cell_RandomText_OneInertCellInATableRow()
    {
        // Given random text (seeded, so a failure reproduces)
        foreach (var seed in Seeds)
        {
            var text = Random(seed);

            // When
            var row = $"| Q | A | N |\n| --- | --- | --- |\n| q | {MarkdownText.Cell(text)} | {MarkdownText.Inline(text)} |\n";

            // Then
            RenderedMarkdown.ShouldBeInert(row);
        }
    }

    [Fact]
    public void Block_RandomMarkdown_InertAndContained()
    {
        // Given random Markdown between two headings of ours
        foreach (var seed in Seeds)
        {
            var text = Random(seed);

            // When
            var document = "### Before\n\n" + MarkdownText.Block(text) + "\n\n### After\n\n| Q | A | N |\n| --- | --- | --- |\n| q | a | n |\n";

            // Then
            RenderedMarkdown.ShouldBeInert(document);
            var headings = Markdig.Markdown.Parse(document, MarkdownText.GitHubPipeline).OfType<Markdig.Syntax.HeadingBlock>().ToList();
            headings.Count.ShouldBe(2, "nothing in the block may end the quote and start sections of its own");
        }
    }

    [Fact]
    public void Block_CodeSpanThatParsesDifferentlyOnceQuoted_StillInert()
    {
        // Given text the random test once found: a code span around "</details>" that quoting turns into HTML
        var text = "|data:<!--```)https://example.org~~~[\n~    www.example.org)_~[data:&#64;\"\u202E- </details>```<!--a-->![]:&---a>><!--\u20661. #\uFEFF";

        // When
        var document = "### Before\n\n" + MarkdownText.Block(text) + "\n\n### After\n";

        // Then
        RenderedMarkdown.ShouldBeInert(document);
    }

    private static string Random(int seed)
    {
        var random = new Random(seed);
        var builder = new StringBuilder();
        var count = random.Next(1, 40);
        for (var i = 0; i < count; i++)
            builder.Append(Tokens[random.Next(Tokens.Length)]);
        return builder.ToString();
    }
}
