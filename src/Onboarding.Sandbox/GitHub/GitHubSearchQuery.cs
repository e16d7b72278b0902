using System.Text.RegularExpressions;

namespace Onboarding.Sandbox.GitHub;

/// <summary>
/// The part of GitHub's issue search syntax the emulator understands: <c>repo:</c>, <c>is:</c> / <c>type:</c> (issue, pr),
/// <c>is:</c> / <c>state:</c> (open, closed), <c>label:</c> (quoted or not), <c>in:</c> (title, body, comma list),
/// bare words and quoted phrases (all must match, case-insensitively). Unknown qualifiers are ignored.
/// </summary>
internal sealed partial class GitHubSearchQuery
{
    public List<string> Repos { get; } = [];

    public List<string> Labels { get; } = [];

    public List<string> Terms { get; } = [];

    public string? State { get; private set; }

    public bool? PullRequests { get; private set; }

    public bool InTitle { get; private set; } = true;

    public bool InBody { get; private set; } = true;

    public static GitHubSearchQuery Parse(string q)
    {
        var query = new GitHubSearchQuery();
        var scopes = new List<string>();
        foreach (Match match in Token().Matches(q))
        {
            var qualifier = match.Groups["key"].Success ? match.Groups["key"].Value.ToLowerInvariant() : null;
            var value = match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["bare"].Value;
            switch (qualifier)
            {
                case null:
                    if (value.Length > 0)
                        query.Terms.Add(value);
                    break;
                case "repo":
                    query.Repos.Add(value);
                    break;
                case "label":
                    query.Labels.Add(value);
                    break;
                case "in":
                    scopes.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "is" or "type" or "state":
                    switch (value.ToLowerInvariant())
                    {
                        case "issue":
                            query.PullRequests = false;
                            break;
                        case "pr" or "pull-request":
                            query.PullRequests = true;
                            break;
                        case "open" or "closed":
                            query.State = value.ToLowerInvariant();
                            break;
                    }

                    break;
            }
        }

        if (scopes.Count > 0)
        {
            query.InTitle = scopes.Contains("title", StringComparer.OrdinalIgnoreCase);
            query.InBody = scopes.Contains("body", StringComparer.OrdinalIgnoreCase);
        }

        return query;
    }

    public bool Matches(GitHubSearchVersion indexed, bool isPullRequest)
    {
        if (PullRequests is { } pulls && pulls != isPullRequest)
            return false;
        if (State is not null && indexed.State != State)
            return false;
        if (!Labels.All(l => indexed.Labels.Contains(l, StringComparer.OrdinalIgnoreCase)))
            return false;
        return Terms.All(term =>
            (InTitle && indexed.Title.Contains(term, StringComparison.OrdinalIgnoreCase))
            || (InBody && indexed.Body.Contains(term, StringComparison.OrdinalIgnoreCase)));
    }

    // key:"quoted value" | key:value | "quoted phrase" | word
    [GeneratedRegex("""(?:(?<key>[A-Za-z_]+):)?(?:"(?<quoted>[^"]*)"|(?<bare>[^\s"]+))""", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
