using System.Net;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Onboarding.Testing;

/// <summary>
/// What is still active in text that reached a service: raw HTML, links that are not http(s) or mailto, live
/// mentions, broken table rows, bidi and invisible characters. Each method lists its findings (empty: inert), so
/// tests can assert on them and say what they found.
/// </summary>
public static partial class Inertness
{
    private static readonly MarkdownPipeline[] Pipelines =
    [
        new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().UseTaskLists().UseAutoLinks().Build(),
        new MarkdownPipelineBuilder().UseAdvancedExtensions().Build(),
    ];

    /// <summary>GitHub's dialect with exact source positions, so that code spans can be blanked where they stand.</summary>
    private static readonly MarkdownPipeline CodePipeline =
        new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().UseTaskLists().UseAutoLinks().UsePreciseSourceLocation().Build();

    /// <summary>Elements Markdig writes for Markdown (and the hub-available email's own paragraphs); anything else came from input.</summary>
    private static readonly HashSet<string> SafeElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "a", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "table", "thead", "tbody", "tr", "th", "td", "img", "div", "span",
    };

    private static readonly HashSet<string> SafeAttributes = new(StringComparer.OrdinalIgnoreCase) { "href", "src", "alt", "title", "style", "class" };

    /// <summary>GitHub Markdown (issue bodies and comments); <paramref name="allowedHtmlFirstLine"/> is the hidden marker line, if any.</summary>
    /// <param name="tableColumns">The number of cells every table row must keep; null skips the check.</param>
    /// <param name="allowedMention">A mention the program makes on purpose (the BD team in a delivery comment).</param>
    public static IReadOnlyList<string> OfMarkdown(string markdown, string? allowedHtmlFirstLine = null, int? tableColumns = null, string? allowedMention = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var findings = new List<string>();
        var lines = markdown.Split('\n');
        foreach (var pipeline in Pipelines)
        {
            var document = Markdown.Parse(markdown, pipeline);
            foreach (var html in document.Descendants<HtmlBlock>())
            {
                var markerOnly = html.Line == 0 && allowedHtmlFirstLine is not null && lines[0] == allowedHtmlFirstLine && html.Lines.Count == 1;
                var comment = html.Type == HtmlBlockType.Comment && MarkerComment().IsMatch(html.Lines.ToString().Trim());
                if (!markerOnly && !comment)
                    findings.Add($"raw HTML block at line {html.Line + 1}: {Short(lines[html.Line])}");
            }

            findings.AddRange(document.Descendants<HtmlInline>().Select(h => $"raw inline HTML: {Short(h.Tag)}"));
            findings.AddRange(document.Descendants<LinkInline>().Where(l => !IsHttp(l.Url)).Select(l => $"link to {Short(l.Url)}"));
            findings.AddRange(document.Descendants<AutolinkInline>().Where(a => a.IsEmail ? false : !IsHttp(a.Url)).Select(a => $"autolink to {Short(a.Url)}"));
            if (tableColumns is { } columns)
            {
                foreach (var row in document.Descendants<Table>().SelectMany(t => t.OfType<TableRow>()).Where(r => r.Count != columns))
                    findings.Add($"table row with {row.Count} cells at line {row.Line + 1}: {Short(lines[row.Line])}");
            }
        }

        // Our own hidden markers are HTML comments; GitHub finds no mention in them.
        var prose = MarkerComment().Replace(WithoutCode(markdown), "");
        if (allowedMention is not null)
            prose = prose.Replace(allowedMention, "", StringComparison.Ordinal);
        findings.AddRange(Mentions(prose).Select(m => $"live mention or reference \"{m}\""));
        findings.AddRange(Invisible(markdown));
        return [.. findings.Distinct()];
    }

    /// <summary>HTML (Freshdesk emails and tickets, HubSpot notes): only the elements Markdown produces, no event
    /// handler, no address that is not http(s) or mailto, no bidi or invisible characters.</summary>
    public static IReadOnlyList<string> OfHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var findings = new List<string>();
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups["name"].Value;
            if (!SafeElements.Contains(name))
                findings.Add($"element <{name}>");
            foreach (Match attribute in Attribute().Matches(tag.Groups["attributes"].Value))
            {
                var attributeName = attribute.Groups["name"].Value;
                if (!SafeAttributes.Contains(attributeName))
                    findings.Add($"attribute {attributeName} on <{name}>");
                else if (attributeName is "href" or "src")
                {
                    var url = System.Net.WebUtility.HtmlDecode(attribute.Groups["value"].Value.Trim('"', '\''));
                    if (!IsHttp(url) && !url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
                        findings.Add($"{attributeName} to {Short(url)}");
                }
            }
        }

        if (html.Contains("<!--", StringComparison.Ordinal) && !MarkerComment().IsMatch(html))
            findings.Add("an HTML comment that is not one of ours");
        findings.AddRange(Invisible(html));
        return findings;
    }

    /// <summary>Elements cmark-gfm writes for Markdown; anything else in its output was raw HTML in the input.</summary>
    private static readonly HashSet<string> GitHubElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "a", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
        "hr", "table", "thead", "tbody", "tr", "th", "td", "input",
    };

    private static readonly HashSet<string> GitHubAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "title", "class", "align", "start", "type", "checked", "disabled",
    };

    /// <summary>
    /// What is still active in the HTML GitHub's renderer made of a body (<see cref="GitHubMarkdown.ToHtml"/>): an image
    /// (fetched when the body is shown: a tracking pixel), a link whose words are not its address, raw HTML, a live
    /// mention, a reference GitHub would link and notify (<c>#12</c>, <c>GH-12</c>, an issue's address, linked or not),
    /// and, in a pull request's body, a closing keyword. Code and the text of links are not read for mentions and
    /// references, as GitHub does not look there.
    /// </summary>
    /// <param name="ownLink">Links the program makes to its own records (a deal in HubSpot), whose words may differ from the address.</param>
    /// <param name="allowed">Text the program writes on purpose (the BD team's mention, "Closes #7"), left out of the search.</param>
    /// <param name="pullRequest">Also look for closing keywords, which act in a pull request's body.</param>
    /// <param name="ownElements">HTML elements the program writes on purpose (the plan's <c>details</c>).</param>
    public static IReadOnlyList<string> OfGitHubHtml(
        string html, Func<string, bool>? ownLink = null, IReadOnlyList<string>? allowed = null, bool pullRequest = false, IReadOnlyList<string>? ownElements = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        var findings = new List<string>();
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups["name"].Value;
            if (name.Equals("img", StringComparison.OrdinalIgnoreCase))
                findings.Add($"an image: {Short(tag.Value)}");
            else if (!GitHubElements.Contains(name) && !(ownElements ?? []).Contains(name, StringComparer.OrdinalIgnoreCase))
                findings.Add($"raw HTML: {Short(tag.Value)}");
            foreach (Match attribute in Attribute().Matches(tag.Groups["attributes"].Value).Where(a => !GitHubAttributes.Contains(a.Groups["name"].Value)))
                findings.Add($"attribute {attribute.Groups["name"].Value} on <{name}>");
        }

        findings.AddRange(Comment().Matches(html).Where(c => !MarkerComment().IsMatch(c.Value)).Select(c => $"an HTML comment: {Short(c.Value)}"));
        foreach (Match link in Anchor().Matches(html))
        {
            var href = WebUtility.HtmlDecode(link.Groups["href"].Value);
            var words = WebUtility.HtmlDecode(Tag().Replace(link.Groups["text"].Value, ""));
            if (IsGitHubReference(href))
                findings.Add($"a link GitHub would make a reference: {Short(href)}");
            if (ownLink?.Invoke(href) != true && !ShowsAddress(href, words))
                findings.Add($"a link to {Short(href)} that shows \"{Short(words)}\"");
        }

        var prose = WebUtility.HtmlDecode(Tag().Replace(Unread().Replace(html, " "), " "));
        foreach (var text in allowed ?? [])
            prose = prose.Replace(text, " ", StringComparison.Ordinal);
        findings.AddRange(OfPlainText(prose, pullRequest));
        findings.AddRange(Invisible(html));
        return [.. findings.Distinct()];
    }

    /// <summary>
    /// Live mentions and references in text GitHub shows as it is (a title: GitHub links references in titles, and a
    /// squash merge makes a pull request's title a commit message), and closing keywords when
    /// <paramref name="pullRequest"/>; bidi and zero-width characters.
    /// </summary>
    public static IReadOnlyList<string> OfPlainText(string text, bool pullRequest = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<string>();
        findings.AddRange(LiveReference().Matches(text).Select(m => $"a live reference \"{m.Value}\""));
        findings.AddRange(Mention().Matches(text).Where(m => m.Value[0] == '@').Select(m => $"a live mention \"{m.Value}\""));
        if (pullRequest)
            findings.AddRange(ClosingKeyword().Matches(text).Select(m => $"a closing keyword \"{m.Value}\""));
        findings.AddRange(Invisible(text));
        return [.. findings.Distinct()];
    }

    /// <summary>Whether a link's words are its address (a <c>www.</c> link's address adds <c>http://</c>, an email's <c>mailto:</c>).</summary>
    private static bool ShowsAddress(string href, string words)
    {
        var address = Uri.UnescapeDataString(href);
        var shown = Uri.UnescapeDataString(words.Trim());
        return address == shown || address == "http://" + shown || address == "mailto:" + shown;
    }

    private static bool IsGitHubReference(string href) => GitHubReferenceAddress().IsMatch(href);

    /// <summary>Bidi controls and zero-width characters, which must have been removed wherever text lands.</summary>
    public static IEnumerable<string> Invisible(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return HostileText.Invisible.Where(c => c != '\u2060' && text.Contains(c, StringComparison.Ordinal)).Select(c => $"invisible character U+{(int)c:X4}");
    }

    /// <summary>The @mentions and #references GitHub would act on in <paramref name="prose"/> (text with its code blanked).</summary>
    public static IEnumerable<string> Mentions(string prose)
    {
        ArgumentNullException.ThrowIfNull(prose);
        return Mention().Matches(prose).Select(m => m.Value);
    }

    /// <summary>By scheme alone: a bare link may run into punctuation that makes it an unparsable, but harmless, address.</summary>
    public static bool IsHttp(string? url) =>
        url is not null && (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Markdown with its code spans and code blocks blanked: code is shown as written and GitHub looks for
    /// no mentions in it. Line numbers are kept.</summary>
    public static string WithoutCode(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = markdown.ToCharArray();
        var document = Markdown.Parse(markdown, CodePipeline);
        foreach (var code in document.Descendants<CodeInline>())
        {
            for (var i = code.Span.Start; i <= code.Span.End && i < text.Length; i++)
                text[i] = ' ';
        }

        // A fenced block's span stops at its opening fence, so whole lines are blanked instead (info string, body, fence).
        var lines = new string(text).Split('\n');
        foreach (var block in document.Descendants<CodeBlock>())
        {
            for (var line = block.Line; line <= block.Line + block.Lines.Count + 1 && line < lines.Length; line++)
                lines[line] = "";
        }

        return string.Join('\n', lines);
    }

    private static string Short(string? text) => text is null ? "(none)" : text.Length <= 80 ? text : text[..80] + "…";

    [GeneratedRegex(@"<(?<name>[A-Za-z][A-Za-z0-9]*)(?<attributes>[^>]*)>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?<value>""[^""]*""|'[^']*'|[^\s>]+)")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<!-- onboarding:[a-z-]+( [a-z-]+=[^\s<>]*)* -->")]
    private static partial Regex MarkerComment();

    [GeneratedRegex("(?<![A-Za-z0-9])@[A-Za-z0-9]|#[0-9]")]
    private static partial Regex Mention();

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<a\s+href=""(?<href>[^""]*)""[^>]*>(?<text>.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex Anchor();

    /// <summary>Where GitHub looks for no mention or reference: code, and the text of links.</summary>
    [GeneratedRegex(@"<(pre|code|a)\b[^>]*>.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Unread();

    [GeneratedRegex(@"#[0-9]|\bGH-[0-9]|github\.com/[^/\s]+/[^/\s]+/(issues|pulls?|discussions)/[0-9]", RegexOptions.IgnoreCase)]
    private static partial Regex LiveReference();

    [GeneratedRegex(@"^https?://(www\.)?github\.com/[^/]+/[^/]+/(issues|pulls?|discussions)/[0-9]", RegexOptions.IgnoreCase)]
    private static partial Regex GitHubReferenceAddress();

    [GeneratedRegex(@"\b(close[sd]?|fix(e[sd])?|resolve[sd]?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ClosingKeyword();
}
