using System.Text.RegularExpressions;
using Onboarding.Core.Manifests;

namespace Onboarding.Core.Text;

/// <summary>
/// Values as people paste them (a HubSpot deal's address, a GitHub organisation's page, "Name &lt;email&gt;") turned
/// into what a manifest holds. Anything not understood is kept as given, or explained, so the validator or the
/// person sees exactly what was typed.
/// </summary>
public static partial class Pasted
{
    /// <summary>A deal id from an id or a HubSpot deal address (<c>…/record/0-3/&lt;id&gt;</c> or <c>…/deal/&lt;id&gt;</c>).</summary>
    public static (string? Id, string? Problem) Deal(string text)
    {
        var value = Unwrap(text);
        if (value.Length == 0)
            return (null, "A deal is empty; paste the deal's address from HubSpot or its id.");
        if (value.All(char.IsAsciiDigit))
            return (value, null);
        if (ToUri(value) is not { } uri || !IsHost(uri, "hubspot.com"))
            return (null, $"\"{Short(value)}\" is neither a HubSpot deal's address nor a deal id; open the deal in HubSpot and copy the address from the browser.");

        var segments = Segments(uri);
        for (var i = 0; i < segments.Count - 1; i++)
        {
            if (segments[i] == "record" && i + 2 < segments.Count)
            {
                var kind = segments[i + 1];
                if (kind is not "0-3")
                    return (null, $"\"{Short(value)}\" is the address of a HubSpot {KindOf(kind)}, not of a deal; open the deal itself and copy its address.");
                if (segments[i + 2].All(char.IsAsciiDigit) && segments[i + 2].Length > 0)
                    return (segments[i + 2], null);
            }

            if (segments[i] == "deal" && segments[i + 1].Length > 0 && segments[i + 1].All(char.IsAsciiDigit))
                return (segments[i + 1], null);
        }

        return (null, $"\"{Short(value)}\" is a HubSpot address but not one of a deal; open the deal itself and copy its address.");
    }

    /// <summary>The organisation's address, <c>https://github.com/&lt;org&gt;</c>, from a URL, <c>@org</c> or <c>org</c>.</summary>
    public static string? GitHubOrganization(string? text)
    {
        var value = Unwrap(text ?? "");
        if (value.Length == 0)
            return null;
        var name = GitHubName(value);
        return name is not null ? "https://github.com/" + name : value;
    }

    /// <summary>The organisation's name from any form <see cref="GitHubOrganization"/> accepts, or null.</summary>
    public static string? GitHubName(string text)
    {
        var value = Unwrap(text).TrimStart('@');
        if (value.Contains("github.com", StringComparison.OrdinalIgnoreCase))
        {
            if (ToUri(value) is not { } uri || !IsHost(uri, "github.com"))
                return null;
            var segments = Segments(uri);
            value = segments.Count > 1 && segments[0] == "orgs" ? segments[1] : segments.Count > 0 ? segments[0] : "";
        }

        return GitHubNamePattern().IsMatch(value) ? value : null;
    }

    /// <summary>A person from one line such as <c>Ana Ruiz &lt;ana@example.org&gt; @anaruiz</c> or <c>Ana Ruiz, ana@example.org</c>.</summary>
    public static (Person? Person, string? Problem) Person(string line)
    {
        var rest = StripBullet(line.Trim());
        if (FindEmail(rest) is not var (email, start, length))
            return (null, $"\"{Short(rest)}\" has no email address; write each person as Name <email>, one per line.");
        rest = rest.Remove(start, length);

        string? handle = null;
        var handleMatch = HandlePattern().Match(rest);
        if (handleMatch.Success)
        {
            handle = handleMatch.Groups["handle"].Value;
            rest = rest.Remove(handleMatch.Index, handleMatch.Length);
        }

        var name = Collapse(rest.Replace("mailto:", "", StringComparison.OrdinalIgnoreCase)).Trim(' ', ',', ';', '|', '-', '(', ')', '<', '>', ':', '"', '\'');
        if (name.Length == 0)
            return (null, $"{email} has no name; write each person as Name <email>, one per line.");
        return (new Person(name, email, handle), null);
    }

    /// <summary>A hub from <c>name domain</c>, <c>name: domain</c> or <c>name = domain</c>; a pasted address becomes its domain.</summary>
    public static (string? Name, string? Domain, string? Problem) Hub(string line)
    {
        var parts = StripBullet(line.Trim()).Split([' ', '\t', '=', ',', '|'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim(':'))
            .Where(p => p.Length > 0)
            .ToList();
        if (parts.Count == 1 && parts[0].Contains('.', StringComparison.Ordinal))
            return (null, null, $"\"{Short(line.Trim())}\" has a domain but no hub name; write it as: prod {Domain(parts[0])}");
        if (parts.Count != 2)
            return (null, null, $"\"{Short(line.Trim())}\" is not a hub; write one hub per line as its name and domain, e.g. prod community.hubs.example.org");
        return (parts[0], Domain(parts[1]), null);
    }

    /// <summary>A domain from a domain or a pasted address: no scheme, path or trailing dot, lower case.</summary>
    public static string Domain(string text)
    {
        var value = Unwrap(text);
        if (value.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(value, UriKind.Absolute, out var uri))
            return uri.Host.ToLowerInvariant();
        return value.TrimEnd('/', '.').ToLowerInvariant();
    }

    /// <summary>An address people type without its scheme (<c>tidepool.org</c>) gets <c>https://</c>.</summary>
    public static string? WebAddress(string? text)
    {
        var value = Unwrap(text ?? "");
        if (value.Length == 0)
            return null;
        if (!value.Contains("://", StringComparison.Ordinal) && !value.Contains(' ', StringComparison.Ordinal) && value.Contains('.', StringComparison.Ordinal))
            return "https://" + value;
        return value;
    }

    /// <summary>Items separated by commas, semicolons, spaces or lines; GitHub handles lose a leading @.</summary>
    public static IReadOnlyList<string> Items(string? text) =>
        text is null
            ? []
            : [.. text.Split([',', ';', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
                .Select(StripBullet)
                .Select(i => i.TrimStart('@'))
                .Where(i => i.Length > 0 && i != "-" && i != "*")];

    /// <summary>A line without a leading list bullet (<c>-</c>, <c>*</c>, <c>+</c>, <c>1.</c>).</summary>
    public static string StripBullet(string line)
    {
        var match = BulletPattern().Match(line);
        return match.Success ? line[match.Length..] : line;
    }

    /// <summary>
    /// The first word that reads as an address (<c>x@y.z</c>, words split at spaces and <c>&lt;&gt;,;()"'</c>), without a
    /// <c>mailto:</c> in front, and the span it takes in the line with its <c>mailto:</c> and angle brackets.
    /// </summary>
    /// <remarks>Plain code rather than a pattern: a backtracking pattern for this took minutes on a line of <c>@</c>.</remarks>
    private static (string Email, int Start, int Length)? FindEmail(string line)
    {
        var end = 0;
        while (true)
        {
            var start = end;
            while (start < line.Length && IsEmailSeparator(line[start]))
                start++;
            if (start == line.Length)
                return null;
            end = start;
            while (end < line.Length && !IsEmailSeparator(line[end]))
                end++;

            var word = line[start..end];
            if (!IsAddress(word))
                continue;
            var email = word.StartsWith(MailTo, StringComparison.Ordinal) && IsAddress(word[MailTo.Length..]) ? word[MailTo.Length..] : word;
            if (start > 0 && line[start - 1] == '<')
            {
                start--;
                if (line.AsSpan(0, start).EndsWith(MailTo, StringComparison.Ordinal))
                    start -= MailTo.Length;
            }

            if (end < line.Length && line[end] == '>')
                end++;
            return (email, start, end - start);
        }
    }

    private const string MailTo = "mailto:";

    private static bool IsEmailSeparator(char c) => char.IsWhiteSpace(c) || c is '<' or '>' or ',' or ';' or '(' or ')' or '"' or '\'';

    /// <summary>Something, <c>@</c>, something, a dot and something.</summary>
    private static bool IsAddress(string word)
    {
        var at = word.IndexOf('@', 1);
        if (at < 0)
            return false;
        var dot = word.IndexOf('.', at + 2);
        return dot >= 0 && dot < word.Length - 1;
    }

    private static string Unwrap(string text) => text.Trim().Trim('<', '>', '"', '\'', '`').Trim();

    private static Uri? ToUri(string value)
    {
        var withScheme = value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value;
        return Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri : null;
    }

    private static bool IsHost(Uri uri, string domain) =>
        uri.Host.Equals(domain, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase);

    private static List<string> Segments(Uri uri) =>
        [.. uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];

    private static string KindOf(string objectType) => objectType switch
    {
        "0-1" => "contact",
        "0-2" => "company",
        "0-5" => "ticket",
        _ => "record of another kind",
    };

    private static string Collapse(string text) => WhitespacePattern().Replace(text, " ").Trim();

    /// <summary>Text quoted back in a message: one line, at most 80 characters.</summary>
    internal static string Short(string text)
    {
        var line = Collapse(new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]));
        return line.Length <= 80 ? line : line[..79] + "…";
    }

    [GeneratedRegex(@"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex GitHubNamePattern();

    // Every pattern here reads what people typed into the form: NonBacktracking bounds its time by the text's length.
    [GeneratedRegex(@"(?:(?:^|[\s,;(])@|(?:https?://)?(?:www\.)?github(?:\.com/|:\s*))(?<handle>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex HandlePattern();

    [GeneratedRegex(@"^(?:[-*+]|\d+[.)])\s+", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex BulletPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex WhitespacePattern();
}
