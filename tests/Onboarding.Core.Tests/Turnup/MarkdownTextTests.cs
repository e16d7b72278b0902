using Markdig;
using Markdig.Syntax;
using Onboarding.Core.Text;

namespace Onboarding.Core.Tests.Turnup;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("plain words", "plain words")]
    [InlineData("a | b", "a \\| b")]
    [InlineData("line one\nline two\r\nthree", "line one line two three")]
    [InlineData("<b>&amp;</b>", "&lt;b&gt;&amp;amp;&lt;/b&gt;")]
    [InlineData("[x](javascript:alert(1))", "\\[x\\]\\(javascript\\:alert\\(1\\)\\)")]
    [InlineData("![i](http://x)", "\\!\\[i\\]\\(http://x\\)")]
    [InlineData("*a* _b_ `c` ~d~ #e \\f", "\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\#e \\\\f")]
    [InlineData("- item", "\\- item")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("version 1.2", "version 1.2")]
    [InlineData("us-west-2", "us-west-2")]
    public void Cell_Text_Escaped(string text, string expected)
    {
        // Given / When
        var cell = MarkdownText.Cell(text);

        // Then
        cell.ShouldBe(expected);
    }

    [Theory]
    [InlineData("@everyone", "@\u2060everyone")]
    [InlineData("cc @org/team", "cc @\u2060org/team")]
    [InlineData("(@user)", "\\(@\u2060user\\)")]
    [InlineData("ana.ruiz@tidepool.example.org", "ana.ruiz@tidepool.example.org")]
    [InlineData("issue #12", "issue \\#\u206012")]
    [InlineData("@ alone", "@ alone")]
    public void Cell_MentionOrReference_Defused(string text, string expected)
    {
        // Given / When
        var cell = MarkdownText.Cell(text);

        // Then
        cell.ShouldBe(expected);
    }

    [Theory]
    [InlineData("a\u202Eb\u202Dc\u202Ad\u2066e\u2069f", "abcdef")]
    [InlineData("zero\u200Bwidth\uFEFF\u2060", "zerowidth")]
    [InlineData("bell\u0007tab\tend", "belltab end")]
    [InlineData("emoji \U0001F30A ok", "emoji \U0001F30A ok")]
    public void Cell_InvisibleOrControlCharacters_Removed(string text, string expected)
    {
        // Given / When
        var cell = MarkdownText.Cell(text);

        // Then
        cell.ShouldBe(expected);
    }

    [Fact]
    public void Cell_LoneSurrogate_ReplacementCharacter()
    {
        // Given half of a surrogate pair, which no encoder can write
        var text = "bad " + (char)0xDC00 + " half";

        // When
        var cell = MarkdownText.Cell(text);

        // Then
        cell.ShouldBe("bad \uFFFD half");
    }

    [Theory]
    [InlineData(null, false, "")]
    [InlineData("   ", false, "")]
    [InlineData(null, true, "—")]
    [InlineData("\u200B", true, "—")]
    public void Cell_Empty_MarkOnlyWhenAsked(string? text, bool mark, string expected)
    {
        // Given / When
        var cell = MarkdownText.Cell(text, mark);

        // Then
        cell.ShouldBe(expected);
    }

    [Fact]
    public void Cell_VeryLongText_CutWithEllipsis()
    {
        // Given
        var text = new string('a', 10_000);

        // When
        var cell = MarkdownText.Cell(text);

        // Then
        cell.ShouldBe(new string('a', MarkdownText.MaxInlineLength) + "…");
    }

    [Fact]
    public void Cell_CutInsideSurrogatePair_KeepsPairWhole()
    {
        // Given a text whose cut point falls between the halves of an emoji
        var text = new string('a', MarkdownText.MaxInlineLength - 1) + "\U0001F30A" + "tail";

        // When
        var cell = MarkdownText.Cell(text);

        // Then
        cell.ShouldBe(new string('a', MarkdownText.MaxInlineLength - 1) + "…");
    }

    [Fact]
    public void Inline_InTableRow_RowKeepsThreeCells()
    {
        // Given
        var hostile = "x | y\n| z |\\|\\";

        // When
        var table = $"| Q | A | N |\n| --- | --- | --- |\n| {MarkdownText.Cell(hostile)} | {MarkdownText.Inline(hostile)} | n |\n";

        // Then
        RenderedMarkdown.ShouldBeInert(table);
    }

    [Fact]
    public void Block_CommunityMarkdown_KeptAndQuoted()
    {
        // Given
        var text = "## Goals\n\nWe want **shared** notebooks, see [our site](https://example.org).\n\n- one\n- two\n\n```\ncode @user <b>\n```";

        // When
        var block = MarkdownText.Block(text);

        // Then
        block.ShouldBe("> ## Goals\n>\n> We want **shared** notebooks, see our site (<https://example.org>).\n>\n> - one\n> - two\n>\n> ```\n> code @user <b>\n> ```");
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "> &lt;script>alert(1)&lt;/script>")]
    [InlineData("hi <img src=x onerror=alert(1)> there", "> hi &lt;img src=x onerror=alert(1)> there")]
    [InlineData("[x](javascript:alert(1))", "> \\[x](javascript\\:alert(1))")]
    [InlineData("![x](data:image/png;base64,AAAA)", "> !\\[x](data\\:image/png;base64,AAAA)")]
    [InlineData("[ok](https://example.org)", "> ok (<https://example.org>)")]
    [InlineData("<javascript:alert(1)>", "> &lt;javascript\\:alert(1)>")]
    [InlineData("<https://example.org>", "> <https://example.org>")]
    [InlineData("[a]: https://example.org\n\n[a]", "> \\[a]: https://example.org\n>\n> [a]")]
    [InlineData("hello @everyone", "> hello @\u2060everyone")]
    [InlineData("mail me: a@b.org", "> mail me: a@b.org")]
    [InlineData("&#64;everyone", "> @\u2060everyone")]
    [InlineData("*@team*", "> *@\u2060team*")]
    [InlineData("see #7", "> see #\u20607")]
    [InlineData("`@user` stays", "> `@user` stays")]
    [InlineData("</details>\n\n# Breakout", "> &lt;/details>\n>\n> # Breakout")]
    [InlineData("```\nunclosed", "> ```\n> unclosed")]
    [InlineData("a\u202Eb\u200Bc", "> abc")]
    [InlineData("tab\tbed", "> tab    bed")]
    public void Block_HostileMarkdown_Inert(string text, string expected)
    {
        // Given / When
        var block = MarkdownText.Block(text);

        // Then
        block.ShouldBe(expected);
        RenderedMarkdown.ShouldBeInert(block);
    }

    [Fact]
    public void Block_ReferenceDefinitionInOneFieldAndUseInAnother_NoLink()
    {
        // Given a definition and its use split over two fields of the same issue
        var document = MarkdownText.Block("[click][evil]") + "\n\n" + MarkdownText.Block("[evil]: javascript:alert(1)");

        // When / Then
        RenderedMarkdown.ShouldBeInert(document);
        Markdown.Parse(document, MarkdownText.GitHubPipeline).Descendants<Markdig.Syntax.Inlines.LinkInline>().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void Block_Empty_Empty(string? text)
    {
        // Given / When / Then
        MarkdownText.Block(text).ShouldBe("");
    }

    [Fact]
    public void Block_HugeHostileText_CutToLimitAndInert()
    {
        // Given text that grows four-fold when escaped
        var text = string.Concat(Enumerable.Repeat("<b>@x\n", 4_000));

        // When
        var block = MarkdownText.Block(text);

        // Then
        block.Length.ShouldBeLessThanOrEqualTo(MarkdownText.MaxBlockLength);
        block.ShouldEndWith("…");
        RenderedMarkdown.ShouldBeInert(block);
    }

    [Fact]
    public void Link_HttpUrl_LinkWithEscapedText()
    {
        // Given / When
        var link = MarkdownText.Link("a [b] | c", "https://example.org/x_(y)|z");

        // Then
        link.ShouldBe("[a \\[b\\] \\| c](https://example.org/x%5F%28y%29%7Cz)");
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<b>")]
    [InlineData("JaVaScRiPt:alert(1)")]
    [InlineData("//evil.example.org")]
    [InlineData("relative/path")]
    public void Url_NotHttp_TextOnly(string url)
    {
        // Given / When
        var shown = MarkdownText.Url(url);

        // Then
        shown.ShouldNotContain("](");
        RenderedMarkdown.ShouldBeInert(shown);
    }

    [Fact]
    public void Fenced_ContentWithBackticks_FenceLongerThanAnyRun()
    {
        // Given
        var content = "a\n```\n````\nb";

        // When
        var fenced = MarkdownText.Fenced(content, "yaml");

        // Then
        fenced.ShouldBe("`````yaml\na\n```\n````\nb\n`````");
    }

    [Theory]
    [InlineData("**bold** and [site](https://example.org)", "<p><strong>bold</strong> and <a href=\"https://example.org\">site</a></p>\n")]
    [InlineData("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n")]
    [InlineData("[x](javascript:alert(1))", "<p>x</p>\n")]
    [InlineData("[**x**](data:text/html,hi)", "<p><strong>x</strong></p>\n")]
    [InlineData("![pic](javascript:alert(1))", "<p>pic</p>\n")]
    [InlineData("<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n")]
    [InlineData("write to [us](mailto:help@example.org)", "<p>write to <a href=\"mailto:help@example.org\">us</a></p>\n")]
    [InlineData("[r][a]\n\n[a]: vbscript:msgbox", "<p>r</p>\n")]
    [InlineData("a\u202Eb", "<p>ab</p>\n")]
    public void Html_Markdown_SafeHtml(string markdown, string expected)
    {
        // Given / When
        var html = MarkdownText.Html(markdown);

        // Then
        html.ShouldBe(expected);
    }
}
