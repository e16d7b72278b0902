using System.Globalization;
using System.Text;

namespace Onboarding.Testing;

/// <summary>
/// Text that anyone who can open a pull request could put into a manifest field, each meant to break something where
/// it lands: HTML and script, non-http(s) links, mentions, table rows, line structure, bidi and invisible characters.
/// Shared by the fuzzer (as values) and the injection tests (in every field).
/// </summary>
public static class HostileText
{
    public static IReadOnlyList<(string Name, string Text)> Payloads { get; } =
    [
        ("script", "<script>alert(1)</script>"),
        ("img onerror", "<img src=x onerror=alert(1)>"),
        ("iframe", "<iframe src=\"https://evil.example\"></iframe>"),
        ("javascript link", "[x](javascript:alert(1))"),
        ("javascript link upper case", "[x](JaVaScRiPt:alert(1))"),
        ("javascript image", "![x](javascript:alert(1))"),
        ("data link", "[x](data:text/html;base64,PHNjcmlwdD4=)"),
        ("javascript autolink", "<javascript:alert(1)>"),
        ("bare javascript", "javascript:alert(1)"),
        ("reference link", "[click][evil]\n\n[evil]: javascript:alert(1)"),
        ("reference data link", "[click]\n\n[click]: data:text/html,<script>alert(1)</script>"),
        ("everyone", "@everyone look at this"),
        ("team", "cc @example-org/bd and @kmensah"),
        ("mention in emphasis", "*@kmensah* and _@anaruiz_ and **@x**"),
        ("entity mention", "&#64;everyone &#x40;anaruiz &commat;kmensah"),
        ("escaped mention", "\\@everyone"),
        ("issue reference", "see #1 and org/repo#2"),
        ("issue addresses", "https://github.com/org/repo/issues/5, www.github.com/org/repo/pull/6 and <https://github.com/org/repo/discussions/7>"),
        ("GH reference", "GH-12 and gh-13"),
        ("closing keywords", "Closes #1, fixes org/repo#2; Resolved: https://github.com/org/repo/issues/3"),
        ("hidden link target", "[Reset your password](https://phish.example/reset \"Account\")"),
        ("tracking pixel", "![](https://track.example/pixel.gif)"),
        ("linked image", "[![logo](https://cdn.example/logo.png)](https://phish.example/)"),
        ("table breaker", "a | b\n| c | d |\n|---|---|\nnew line"),
        ("backticks", "``` `code` ```` and ` unclosed"),
        ("details", "</details><details open><summary>x</summary>"),
        ("marker comment", "<!-- onboarding:turnup community=evil hub=prod phase=1 -->"),
        ("right-to-left override", "safe\u202Etxt.exe\u202C and \u2066isolate\u2069"),
        ("zero width", "zero\u200Bwidth\u200C\u200Djoin\uFEFFbom"),
        ("long line", new string('A', 10_000)),
        ("long hostile line", string.Concat(Enumerable.Repeat("<|@a", 2_500))),
        ("unclosed fence", "```\nnot closed"),
        ("heading and rule", "# Title\n---\n==="),
        ("html block", "<div>\n\n**bold**\n\n</div>"),
        ("control characters", "bell\u0007 escape\u001B[31m nul del\u007F"),
        ("crlf", "first\r\nsecond\rthird"),
        ("lone surrogate", "broken " + (char)0xD800 + " pair"),
        ("deep brackets", new string('[', 15_000)),
        ("deep emphasis", string.Concat(Enumerable.Repeat("*_", 5_000))),
        ("deep quotes", string.Concat(Enumerable.Repeat("> ", 5_000)) + "x"),
        ("deep lists", string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', 2 * i) + "- x\n"))),
    ];

    /// <summary>The length of <see cref="LongTexts"/> texts: GitHub's longest issue body, so any form answer can be this long.</summary>
    public const int LongLength = 65_536;

    /// <summary>
    /// Texts of <see cref="LongLength"/> characters shaped to make a backtracking pattern or a parser take quadratic
    /// time or worse: runs of one character ended by one that fails the match, repeated separators, unclosed brackets,
    /// and the <see cref="Payloads"/> over and over.
    /// </summary>
    public static IReadOnlyList<(string Name, string Text)> LongTexts { get; } =
    [
        ("at signs", Fill("@")),
        ("addresses run together", Fill("a@a.")),
        ("letters, then a stop", Fill("a", "!")),
        ("digits, then a letter", Fill("1", "a")),
        ("dotted labels, then a stop", Fill("a.", "!")),
        ("dashes", Fill("a-", "!")),
        ("colons", Fill("a:")),
        ("spaces, then a letter", Fill(" ", "x")),
        ("open brackets", Fill("[")),
        ("link openers", Fill("[a](")),
        ("images", Fill("![a](https://a.example/")),
        ("angle brackets", Fill("<")),
        ("placeholders", Fill("{{ ")),
        ("emphasis", Fill("*_")),
        ("mentions and references", Fill("@a #1 ")),
        ("addresses", Fill("https://a.example/")),
        ("quotes", Fill("> ")),
        ("backticks", Fill("`")),
        ("lines", Fill("a\n")),
        ("every payload", Fill(string.Concat(Payloads.Select(p => p.Text)))),
    ];

    /// <summary>Characters that reorder or hide text; never wanted in an email, a handle or a hub name.</summary>
    public static IReadOnlyList<char> Invisible { get; } =
        ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\uFEFF'];

    /// <summary><paramref name="unit"/> repeated to <see cref="LongLength"/> characters, ending in <paramref name="end"/>.</summary>
    private static string Fill(string unit, string end = "")
    {
        var builder = new StringBuilder(LongLength);
        while (builder.Length < LongLength - end.Length)
            builder.Append(unit);
        builder.Length = LongLength - end.Length;
        return builder.Append(end).ToString();
    }

    /// <summary>Any text as a YAML double-quoted scalar: quotes, backslashes, line breaks and invisible characters escaped.</summary>
    public static string Yaml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                default:
                    if (char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format || char.IsSurrogate(c))
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
