using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Onboarding.Core.Text;

/// <summary>
/// Makes text from manifests (and from the services) inert where it lands: GitHub-flavoured Markdown in turnup issues,
/// and HTML in Freshdesk emails and tickets. Anyone who can open a pull request writes manifests, so no manifest text
/// may ping people, run script, link to a <c>javascript:</c> address, hide text with bidi overrides, or break the
/// structure of the issue it is placed in.
/// </summary>
/// <remarks>
/// Mentions are defused with U+2060 WORD JOINER after <c>@</c> (and after <c>#</c> before a digit, which would
/// otherwise cross-reference another issue). GitHub resolves mentions and references on the rendered text, so
/// backslashes and entities do not stop them, and a code span would change how the value reads; the joiner is
/// invisible, is not a word character, and so ends the pattern GitHub looks for. An <c>@</c> right after a letter or
/// digit (an email address) never mentions anyone on GitHub, so it is left alone and stays copyable. The same joiner
/// breaks <c>GH-12</c> references and closing keywords. An address of a GitHub issue, pull request or discussion is
/// shown as code: linked, GitHub would show it as a reference and note it on that issue. Links show their address,
/// and images become links to theirs: a reader sees where a link goes, and nothing is fetched when the page is shown.
/// </remarks>
public static partial class MarkdownText
{
    /// <summary>Longest text kept in one table cell or inline value, in characters of the original text.</summary>
    public const int MaxInlineLength = 500;

    /// <summary>Longest community Markdown kept, measured on the output; a GitHub issue body holds 65,536 characters
    /// and one issue carries two such fields besides its tables.</summary>
    public const int MaxBlockLength = 16_000;

    /// <summary>Shown for an empty value where the caller asks for a visible mark.</summary>
    public const string EmptyMark = "—";

    private const char WordJoiner = '\u2060';
    private const string Ellipsis = "…";
    private const int MaxSanitizePasses = 8;

    /// <summary>Deepest nesting of community Markdown kept as Markdown (a quote in a list in a quote is 3 or so); deeper
    /// text is shown verbatim. Markdig takes quadratic time over thousands of unclosed brackets or emphasis marks, and its
    /// HTML writer refuses them: one parse finds them, and none follows.</summary>
    private const int MaxNesting = 32;

    /// <summary>The Markdown dialect the checks assume: CommonMark with GitHub's tables, task lists, strikethrough
    /// and bare links, with exact source positions so the checks can edit the text they parsed.</summary>
    internal static MarkdownPipeline GitHubPipeline { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .UsePreciseSourceLocation()
        .Build();

    private static readonly MarkdownPipeline HtmlPipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    /// <summary>Text for one cell of a Markdown table: one line, no table, HTML, link or mention syntax left active.</summary>
    /// <param name="emptyAsMark">Show <see cref="EmptyMark"/> for null or blank text instead of nothing.</param>
    public static string Cell(string? text, bool emptyAsMark = false) => Inline(text, emptyAsMark);

    /// <summary>Text for running Markdown outside tables; line breaks become spaces. Safe in a table cell too.</summary>
    public static string Inline(string? text, bool emptyAsMark = false)
    {
        var line = CollapseWhitespace(Clean(text ?? ""));
        if (line.Length == 0)
            return emptyAsMark ? EmptyMark : "";
        return EscapeInline(BreakGitHubAddresses(Cut(line, MaxInlineLength)));
    }

    /// <summary>
    /// Plain text GitHub shows as it is but links references in (an issue's or a pull request's title): one line, no
    /// invisible characters, and mentions, references, issue addresses and closing keywords broken by a word joiner.
    /// </summary>
    public static string Title(string? text)
    {
        var line = CollapseWhitespace(Clean(text ?? ""));
        var builder = new StringBuilder(line.Length + 16);
        for (var i = 0; i < line.Length; i++)
        {
            builder.Append(line[i]);
            if (NeedsJoinerAfter(line, i))
                builder.Append(WordJoiner);
        }

        return WithoutClosingKeywords(BreakGitHubAddresses(builder.ToString()));
    }

    /// <summary>
    /// Addresses of GitHub issues, pull requests and discussions in running text, broken by word joiners (after the
    /// scheme or <c>www</c>, and before <c>.com</c>) so that no renderer links them and GitHub sees no reference in
    /// them; they read the same. Unlike a code span this holds in HTML (a plan's summary line) as well as in Markdown.
    /// </summary>
    private static string BreakGitHubAddresses(string text)
    {
        var addresses = GitHubAddresses(text).ToList();
        if (addresses.Count == 0)
            return text;
        var builder = new StringBuilder(text.Length + 8 * addresses.Count);
        var copied = 0;
        foreach (var (start, length) in addresses)
        {
            builder.Append(text, copied, start - copied);
            var address = text.Substring(start, length);
            var scheme = address.IndexOf("://", StringComparison.Ordinal);
            var www = address.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? 3 : -1;
            var dotCom = address.IndexOf(".com/", StringComparison.OrdinalIgnoreCase);
            for (var i = 0; i < address.Length; i++)
            {
                if (i == scheme || i == www || i == dotCom)
                    builder.Append(WordJoiner);
                builder.Append(address[i]);
            }

            copied = start + length;
        }

        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// Text for a pull request's body or title with every closing keyword (<c>closes</c>, <c>fixes</c>,
    /// <c>resolved</c>…) broken by a word joiner after its first letter: it reads the same, but merging the pull
    /// request closes no issue the text names. Safe on Markdown and on plain text.
    /// </summary>
    public static string WithoutClosingKeywords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length + 8);
        var copied = 0;
        foreach (Match keyword in ClosingKeyword().Matches(text))
        {
            builder.Append(text, copied, keyword.Index + 1 - copied).Append(WordJoiner);
            copied = keyword.Index + 1;
        }

        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// A Markdown field the community wrote, kept as Markdown (headings, lists, emphasis, tables, http(s) links) but
    /// with raw HTML shown as text, other links shown as text, mentions defused, and every line quoted with
    /// <c>&gt; </c> so nothing in it can end the quote or reach the sections around it. Empty text gives "".
    /// </summary>
    /// <remarks>Link reference definitions are turned into text as well: they are global to a document, so one
    /// field's definition could otherwise give another field's harmless-looking <c>[x][y]</c> a target.</remarks>
    public static string Block(string? text)
    {
        var clean = Clean(text ?? "", keepLines: true).Trim('\n', ' ');
        if (clean.Length == 0)
            return "";

        // Longer text is cut anyway; cutting first spares the parser pathological input it would never show.
        var limit = QuotableLength(clean);
        while (true)
        {
            var quoted = Quote(SanitizeBlock(Cut(clean, limit)));

            // The sanitiser reads the text before it is quoted, and a code span can parse differently once quoted.
            // Should any HTML survive that, no "<" survives at all (a code sample then shows "&lt;": a small price).
            if (HoldsHtml(quoted, GitHubPipeline) || HoldsHtml(quoted, FullPipeline))
                quoted = quoted.Replace("<", "&lt;", StringComparison.Ordinal);
            if (quoted.Length <= MaxBlockLength || limit <= MaxInlineLength)
                return quoted;
            limit = Math.Max(MaxInlineLength, limit * MaxBlockLength / quoted.Length * 9 / 10);
        }
    }

    /// <summary>The longest start of <paramref name="text"/> that could still fit <see cref="MaxBlockLength"/> once
    /// cut (an ellipsis), quoted (<c>&gt; </c> on each line) and, should it be shown verbatim, fenced.</summary>
    private static int QuotableLength(string text)
    {
        var room = MaxBlockLength - Ellipsis.Length - 2 - 16;
        for (var i = 0; i < text.Length; i++)
        {
            room -= text[i] == '\n' ? 3 : 1;
            if (room < 0)
                return i;
        }

        return text.Length;
    }

    /// <summary>Markdig with every extension: a stricter second reading than GitHub's own dialect.</summary>
    private static readonly Markdig.MarkdownPipeline FullPipeline = new Markdig.MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    private static bool HoldsHtml(string markdown, Markdig.MarkdownPipeline pipeline)
    {
        if (!markdown.Contains('<', StringComparison.Ordinal))
            return false;

        // What cannot be parsed cannot be shown to hold no HTML.
        if (TryParse(markdown, pipeline) is not { } parsed)
            return true;
        return parsed.Descendants<Markdig.Syntax.Inlines.HtmlInline>().Any() || parsed.Descendants<Markdig.Syntax.HtmlBlock>().Any();
    }

    /// <summary>A Markdown link to an http(s) address, or the escaped text alone when the address is anything else.</summary>
    /// <remarks>An address of a GitHub issue, pull request or discussion is shown as code after the text instead.</remarks>
    public static string Link(string? text, string? url)
    {
        var target = SafeUrl(url);
        if (target is not null && LeadsToGitHub(target))
        {
            var address = Code(target);
            return string.IsNullOrWhiteSpace(text) || text.Trim() == url!.Trim() ? address : $"{Inline(text)} ({address})";
        }

        var label = Inline(string.IsNullOrWhiteSpace(text) ? url : text);
        return target is null || label.Length == 0 ? label : $"[{label}]({target})";
    }

    /// <summary>An address shown as a link to itself when it is http(s), else as inert text.</summary>
    public static string Url(string? url, bool emptyAsMark = false) =>
        string.IsNullOrWhiteSpace(url) ? (emptyAsMark ? EmptyMark : "") : Link(url, url);

    /// <summary>A fenced code block that no content can close early.</summary>
    public static string Fenced(string content, string info = "")
    {
        var text = Clean(content, keepLines: true).TrimEnd('\n');
        var fence = new string('`', Math.Max(3, LongestRun(text, '`') + 1));
        return $"{fence}{info}\n{text}\n{fence}";
    }

    /// <summary>Markdown to HTML for Freshdesk: raw HTML is escaped, and links and images keep only http, https and
    /// mailto addresses; anything else is shown as its text.</summary>
    public static string Html(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var clean = Clean(markdown, keepLines: true);
        var verbatim = "<pre>" + System.Net.WebUtility.HtmlEncode(clean) + "</pre>\n";
        if (TryParse(clean, HtmlPipeline) is not { } document)
            return verbatim;
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (IsAllowed(link.Url, allowMailto: true))
                continue;
            if (link.IsImage || link.FirstChild is null)
            {
                link.ReplaceBy(new LiteralInline(link.IsImage ? AltText(link) : link.Url ?? ""), copyChildren: false);
                continue;
            }

            // The words of a refused link stay readable; only the address goes.
            for (var child = link.FirstChild; child is not null; child = link.FirstChild)
            {
                child.Remove();
                link.InsertBefore(child);
            }

            link.Remove();
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            var url = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
            if (!IsAllowed(url, allowMailto: true))
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }

        try
        {
            return document.ToHtml(HtmlPipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's writer has a depth limit of its own, which emphasis nested thousands deep reaches.
            return verbatim;
        }
    }

    /// <summary>
    /// Markdig refuses text nested deeper than it allows (thousands of <c>[</c> in a row, say) with an
    /// <see cref="ArgumentException"/>; such text is then shown verbatim instead of as Markdown.
    /// </summary>
    private static MarkdownDocument? TryParse(string text, MarkdownPipeline pipeline)
    {
        try
        {
            return Markdown.Parse(text, pipeline);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Whether a URL is absolute with one of the allowed schemes; anything unparsable is refused.</summary>
    internal static bool IsAllowed(string? url, bool allowMailto)
    {
        if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return false;
        return uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || (allowMailto && uri.Scheme == Uri.UriSchemeMailto);
    }

    /// <summary>The address in a form that cannot end a Markdown link or a table cell, or null when it is not http(s).</summary>
    private static string? SafeUrl(string? url)
    {
        if (url is null)
            return null;
        var trimmed = url.Trim();
        if (trimmed.Length > 2048 || !IsAllowed(trimmed, allowMailto: false))
            return null;

        var builder = new StringBuilder(trimmed.Length);
        foreach (var c in trimmed)
        {
            if (c is '(' or ')' or '<' or '>' or '|' or '[' or ']' or '\\' or '`' or '"' or '\'' or '*' or '_' or '@' || c <= ' ' || c >= '\u007f')
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                    builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Removes what must never reach a reader: control characters, bidi overrides and every other invisible
    /// format character (zero-width spaces, joiners, BOM); broken surrogates become U+FFFD.</summary>
    internal static string Clean(string text, bool keepLines = false)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
                continue;
            }

            switch (c)
            {
                case '\r':
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                        i++;
                    builder.Append(keepLines ? '\n' : ' ');
                    continue;
                case '\n' or '\u2028' or '\u2029' or '\u0085':
                    builder.Append(keepLines ? '\n' : ' ');
                    continue;
                case '\t':
                    // Tabs would make column arithmetic under the added quote marker differ from the text we checked.
                    builder.Append(keepLines ? "    " : " ");
                    continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format)
                continue;
            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                    builder.Append(' ');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString().TrimEnd();
    }

    /// <summary>Cuts at a character boundary (never inside a surrogate pair) and marks the cut.</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var end = max;
        if (char.IsLowSurrogate(text[end]) && end > 0)
            end--;
        return text[..end].TrimEnd() + Ellipsis;
    }

    private static string EscapeInline(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&':
                    builder.Append("&amp;");
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '!' or '#' or '|' or '~':
                    builder.Append('\\').Append(c);
                    break;
                case '+' or '-' or '=' when i == 0:
                case '.' when LeadingDigits(text, i) && (i + 1 == text.Length || text[i + 1] == ' '):
                    // Only at the start of a line would these open a list, a heading underline or a numbered item.
                    builder.Append('\\').Append(c);
                    break;
                case ':' when EndsWithDangerousScheme(text, i):
                    builder.Append("\\:");
                    break;
                default:
                    builder.Append(c);
                    break;
            }

            if (NeedsJoinerAfter(text, i))
                builder.Append(WordJoiner);
        }

        return builder.ToString();
    }

    private static bool LeadingDigits(string text, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return false;
        }

        return index > 0;
    }

    /// <summary>Whether the <c>@</c>, <c>#</c> or <c>GH-</c> at <paramref name="index"/> would start a mention or an issue reference.</summary>
    private static bool NeedsJoinerAfter(string text, int index)
    {
        var c = text[index];
        if (index + 1 >= text.Length)
            return false;
        var next = text[index + 1];
        return c switch
        {
            '@' => char.IsAsciiLetterOrDigit(next) && (index == 0 || !char.IsAsciiLetterOrDigit(text[index - 1])),
            '#' => char.IsAsciiDigit(next),
            '-' => char.IsAsciiDigit(next) && index >= 2 && text.AsSpan(index - 2, 2).Equals("GH", StringComparison.OrdinalIgnoreCase)
                && (index == 2 || !char.IsAsciiLetterOrDigit(text[index - 3])),
            _ => false,
        };
    }

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 64);
        foreach (var line in text.Split('\n'))
        {
            builder.Append(line.Length == 0 ? ">" : "> ").Append(line).Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }

    /// <summary>Edits the community's Markdown until a parse of it finds nothing active that is not allowed; if that does
    /// not settle, the text is shown verbatim in a code block instead.</summary>
    private static string SanitizeBlock(string text)
    {
        for (var pass = 0; pass < MaxSanitizePasses; pass++)
        {
            var edits = UnsafeSpots(text);
            if (edits is null)
                return Fenced(text);
            if (edits.Count == 0)
                return text;
            text = Apply(text, edits);
        }

        return UnsafeSpots(text) is { Count: 0 } ? text : Fenced(text);
    }

    private readonly record struct Edit(int Start, int Length, string Replacement);

    /// <returns>Null when Markdig cannot parse the text at all (see <see cref="TryParse"/>) or it is nested deeper than
    /// <see cref="MaxNesting"/>.</returns>
    private static List<Edit>? UnsafeSpots(string text)
    {
        var edits = new List<Edit>();
        if (TryParse(text, GitHubPipeline) is not { } document || NestedTooDeep(document))
            return null;
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case HtmlBlock block:
                    for (var i = block.Span.Start; i <= block.Span.End && i < text.Length; i++)
                    {
                        if (text[i] == '<')
                            edits.Add(new Edit(i, 1, "&lt;"));
                    }

                    break;
                case HtmlInline html:
                    AddAt(edits, text, html.Span.Start, '<', "&lt;");
                    break;
                case AutolinkInline autolink when !IsAllowed(autolink.IsEmail ? null : autolink.Url, allowMailto: false):
                    AddAt(edits, text, autolink.Span.Start, '<', "&lt;");
                    break;
                case LinkInline { IsAutoLink: true } bare when !IsAllowed(bare.Url, allowMailto: false):
                    var colon = text.IndexOf(':', bare.Span.Start, Math.Max(0, Math.Min(bare.Span.Length, text.Length - bare.Span.Start)));
                    if (colon >= 0)
                        edits.Add(new Edit(colon, 0, "\\"));
                    break;
                case LinkInline { IsAutoLink: false } link when !IsAllowed(link.Url, allowMailto: false):
                    EscapeFirst(edits, text, link.Span.Start, link.Span.End, '[');
                    // The scheme is broken too, so the address stays text even where the bracket is read differently.
                    if (!link.UrlSpan.IsEmpty)
                        EscapeFirst(edits, text, link.UrlSpan.Start, link.UrlSpan.End, ':');
                    break;
                case AutolinkInline { IsEmail: false } autolink when SafeUrl(autolink.Url) is { } safe && LeadsToGitHub(safe):
                    edits.Add(new Edit(autolink.Span.Start, autolink.Span.Length, Code(safe)));
                    break;
                case LinkInline { IsAutoLink: true } bare when Source(text, bare.Span) is var source && LeadsToGitHub(source) && !source.Contains('`', StringComparison.Ordinal):
                    edits.Add(new Edit(bare.Span.Start, 0, "`"));
                    edits.Add(new Edit(bare.Span.End + 1, 0, "`"));
                    break;
                case LinkInline { IsAutoLink: false, IsImage: true } image:
                    // An image is fetched when the page is shown (a tracking pixel): it becomes a link, shown as below.
                    edits.Add(new Edit(image.Span.Start, 1, ""));
                    break;
                case LinkInline { IsAutoLink: false, Reference: null, UrlSpan.IsEmpty: false } link when ShownAddress(link.Url) is { } shown:
                    ShowAddress(edits, text, link, shown);
                    break;
                case LinkReferenceDefinition definition:
                    EscapeFirst(edits, text, definition.Span.Start, definition.Span.End, '[');
                    break;
                case HtmlEntityInline entity:
                    var decoded = entity.Transcoded.ToString();
                    if (decoded is "@" or "#" || Clean(decoded).Length != decoded.Length)
                        edits.Add(new Edit(entity.Span.Start, entity.Span.Length, Clean(decoded)));
                    break;
                case LiteralInline literal:
                    // Words of a link are shown with its address (above), so an address among them is left to that.
                    if (literal.Parent is not LinkInline)
                    {
                        foreach (var (start, length) in GitHubAddresses(Source(text, literal.Span)))
                        {
                            edits.Add(new Edit(literal.Span.Start + start, 0, "`"));
                            edits.Add(new Edit(literal.Span.Start + start + length, 0, "`"));
                        }
                    }

                    for (var i = Math.Max(0, literal.Span.Start); i <= literal.Span.End && i < text.Length; i++)
                    {
                        if (NeedsJoinerAfter(text, i))
                            edits.Add(new Edit(i + 1, 0, WordJoiner.ToString()));

                        // Text that no parser reads as HTML or a link today reads the same with these escaped, and then
                        // no other Markdown dialect (GitHub's is not Markdig) can read it as one either.
                        if (text[i] == '<')
                            edits.Add(new Edit(i, 1, "&lt;"));
                        else if (text[i] == ':' && EndsWithDangerousScheme(text, i))
                            edits.Add(new Edit(i, 0, "\\"));
                    }

                    break;
            }
        }

        return edits;
    }

    /// <summary>How a link's address is shown in its place: a GitHub address as code, any other as an autolink.</summary>
    private static string? ShownAddress(string? url) =>
        SafeUrl(url) is not { } safe ? null
        : LeadsToGitHub(safe) ? Code(safe)
        : $"<{safe}>";

    /// <summary>
    /// <c>[words](address "title")</c> becomes <c>words (&lt;address&gt;)</c>, and a link whose words are its address
    /// becomes that address: the words stay, and a reader sees where the link goes.
    /// </summary>
    private static void ShowAddress(List<Edit> edits, string text, LinkInline link, string shown)
    {
        var close = text.LastIndexOf(']', Math.Min(link.UrlSpan.Start, text.Length - 1), link.UrlSpan.Start - link.Span.Start);
        if (close <= link.Span.Start || link.Span.End >= text.Length)
            return;
        var words = text[(link.Span.Start + 1)..close];
        if (words.Trim() == link.Url || words.Length == 0)
        {
            edits.Add(new Edit(link.Span.Start, link.Span.Length, shown));
            return;
        }

        edits.Add(new Edit(link.Span.Start, 1, ""));
        edits.Add(new Edit(close, link.Span.End + 1 - close, $" ({shown})"));
    }

    private static string Source(string text, SourceSpan span) =>
        span.Start >= 0 && span.End < text.Length && !span.IsEmpty ? text.Substring(span.Start, span.Length) : "";

    /// <summary>A code span of an address that holds no backtick (<see cref="SafeUrl"/> encodes them).</summary>
    private static string Code(string address) => "`" + address + "`";

    /// <summary>Whether <paramref name="url"/> goes to an issue, pull request or discussion on GitHub.</summary>
    private static bool LeadsToGitHub(string url) => GitHubAddress().Match(url) is { Success: true, Index: 0 };

    /// <summary>The addresses of issues, pull requests and discussions on GitHub in <paramref name="text"/>, without the
    /// punctuation that ends a sentence after them.</summary>
    private static IEnumerable<(int Start, int Length)> GitHubAddresses(string text)
    {
        foreach (Match match in GitHubAddress().Matches(text))
        {
            var length = match.Length;
            while (length > 0 && match.Value[length - 1] is '.' or ',' or ';' or ':' or '!' or '?' or '\'' or '"' or '*' or '_' or '~')
                length--;
            yield return (match.Index, length);
        }
    }

    [GeneratedRegex(@"(https?://)?(www\.)?github\.com/[^\s/`|<>\[\]()\\]+/[^\s/`|<>\[\]()\\]+/(issues|pulls?|discussions)/[0-9][^\s`|<>\[\]()\\]*", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex GitHubAddress();

    /// <summary>GitHub's closing keywords, which close the issue they precede when a pull request is merged.</summary>
    [GeneratedRegex(@"\b(close[sd]?|fix(e[sd])?|resolve[sd]?)\b", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex ClosingKeyword();

    private static bool NestedTooDeep(MarkdownDocument document)
    {
        // A stack, not recursion: the depth is what is being found out.
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((document, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > MaxNesting)
                return true;
            switch (node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                        pending.Push((child, depth + 1));
                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, depth + 1));
                    break;
                case ContainerInline container:
                    for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                        pending.Push((child, depth + 1));
                    break;
            }
        }

        return false;
    }

    private static readonly string[] DangerousSchemes = ["javascript", "vbscript", "data", "file", "mailto", "ftp", "tel", "xmpp"];

    private static bool EndsWithDangerousScheme(string text, int colon) =>
        DangerousSchemes.Any(scheme => colon >= scheme.Length && text.AsSpan(colon - scheme.Length, scheme.Length).Equals(scheme, StringComparison.OrdinalIgnoreCase));

    private static void AddAt(List<Edit> edits, string text, int index, char expected, string replacement)
    {
        if (index >= 0 && index < text.Length && text[index] == expected)
            edits.Add(new Edit(index, 1, replacement));
    }

    private static void EscapeFirst(List<Edit> edits, string text, int start, int end, char c)
    {
        for (var i = Math.Max(0, start); i <= end && i < text.Length; i++)
        {
            if (text[i] == c)
            {
                edits.Add(new Edit(i, 0, "\\"));
                return;
            }
        }
    }

    private static string Apply(string text, List<Edit> edits)
    {
        // Chosen from the end: overlapping edits come from nested nodes, and the outer one is redone on the next pass
        // if still needed. Then made from the start, in one copy of the text.
        var chosen = new List<Edit>();
        var last = int.MaxValue;
        foreach (var edit in edits.Distinct().OrderByDescending(e => e.Start).ThenByDescending(e => e.Length))
        {
            if (edit.Start + edit.Length > last)
                continue;
            chosen.Add(edit);
            last = edit.Start;
        }

        var builder = new StringBuilder(text.Length + chosen.Sum(e => e.Replacement.Length));
        var copied = 0;
        for (var i = chosen.Count - 1; i >= 0; i--)
        {
            var edit = chosen[i];
            builder.Append(text, copied, edit.Start - copied).Append(edit.Replacement);
            copied = edit.Start + edit.Length;
        }

        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private static string AltText(LinkInline image)
    {
        var builder = new StringBuilder();
        foreach (var literal in image.Descendants<LiteralInline>())
            builder.Append(literal.Content.ToString());
        return builder.ToString();
    }
}
