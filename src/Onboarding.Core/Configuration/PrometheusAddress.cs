using System.Text.RegularExpressions;

namespace Onboarding.Core.Configuration;

/// <summary>
/// Where the Prometheus of one community's hub is: <c>prometheus_url</c>, a template in which <c>{community}</c> and
/// <c>{hub}</c> are replaced by the manifest's names. Each community's cluster has its own Prometheus, and a hub's
/// namespace is the hub's name, so only an address that names the community keeps two communities' <c>prod</c> hubs apart.
/// </summary>
public sealed partial record PrometheusAddress
{
    public const string Community = "{community}";

    public const string Hub = "{hub}";

    public PrometheusAddress(string template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        if (Problem(template) is { } problem)
            throw new ArgumentException(problem, nameof(template));
        Template = template;
    }

    public string Template { get; }

    /// <summary>True when every community gets its own address (the template names <c>{community}</c>).</summary>
    public bool IsPerCommunity => Template.Contains(Community, StringComparison.Ordinal);

    /// <summary>The address of <paramref name="community"/>'s Prometheus for <paramref name="hub"/>, always ending with a slash.</summary>
    public Uri For(string community, string hub)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(community);
        ArgumentException.ThrowIfNullOrWhiteSpace(hub);
        var text = Fill(Template, Uri.EscapeDataString(community), Uri.EscapeDataString(hub));
        var uri = new Uri(text, UriKind.Absolute);
        return uri.AbsolutePath.EndsWith('/') ? uri : new UriBuilder(uri) { Path = uri.AbsolutePath + "/" }.Uri;
    }

    /// <summary>
    /// Null when <paramref name="template"/> is usable; otherwise one sentence saying what is wrong: a placeholder other
    /// than <c>{community}</c> and <c>{hub}</c>, a brace without its pair, or an address that, filled in, is not an
    /// absolute http(s) address as <see cref="SettingsRules.UrlProblem"/> requires.
    /// </summary>
    public static string? Problem(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        foreach (Match match in Placeholder().Matches(template))
        {
            if (match.Value is not (Community or Hub))
                return $"{match.Value} is not a placeholder this address may use; use {Community} and {Hub}, such as https://prometheus.{{community}}.example.org/.";
        }

        var rest = Placeholder().Replace(template, "");
        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal))
            return $"A brace here does not close a placeholder; write {Community} and {Hub} exactly, such as https://prometheus.{{community}}.example.org/.";

        // Filled in with names a manifest may have (lowercase letters, digits, hyphens), it must be a usable base address.
        return SettingsRules.UrlProblem(Fill(template, "example", "prod")) is { } problem
            ? $"Filled in (with {{community}} as example and {{hub}} as prod): {char.ToLowerInvariant(problem[0])}{problem[1..]}"
            : null;
    }

    public override string ToString() => Template;

    private static string Fill(string template, string community, string hub) =>
        template.Replace(Community, community, StringComparison.Ordinal).Replace(Hub, hub, StringComparison.Ordinal);

    [GeneratedRegex(@"\{[^{}]*\}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Placeholder();
}
