using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Onboarding.Core.Turnup;

/// <summary>
/// The infrastructure repository's <c>deployer generate</c> commands, with the arguments the manifest gives filled
/// in, for engineers to run as they are. An argument the manifest cannot give is left out, so the deployer asks for
/// it. Every value is quoted for a POSIX shell unless it is plainly safe, so manifest text can never become a second
/// command.
/// </summary>
public static partial class DeployerCommands
{
    /// <summary><c>deployer generate resource-allocation choices r5.xlarge:4 …</c>.</summary>
    public static string ResourceAllocation(IEnumerable<string> specs) =>
        Command(["deployer", "generate", "resource-allocation", "choices", .. specs.Select(Argument)]);

    /// <summary>A shell comment of one line: line breaks become spaces and a long text is cut, so it can never hold a command.</summary>
    public static string Comment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = string.Join(' ', Clean(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return "# " + (line.Length <= MaxCommentLength ? line : line[..MaxCommentLength] + "…");
    }

    /// <summary>The files of a new dedicated cluster: provider, name, region and the account it runs in.</summary>
    /// <param name="account">The account's name or id; null when not known yet (the deployer asks).</param>
    public static string DedicatedCluster(string provider, string cluster, string region, string? account) =>
        Command([
            "deployer", "generate", "dedicated-cluster", Argument(provider.ToLowerInvariant()),
            Option("cluster-name", cluster),
            Option("cluster-region", region),
            Option(provider.Equals("gcp", StringComparison.OrdinalIgnoreCase) ? "project-id" : "account-id", account),
        ]);

    /// <summary>A hub's common values: provider, cluster, authenticator, splash and homepage URLs, funder, admins.</summary>
    public static string HubCommonValues(
        string? provider, string cluster, string authenticator, string? logoUrl, string? homepage, string? fundedByName, string? fundedByUrl, IEnumerable<string> admins) =>
        Command([
            "deployer", "generate", "hub-asset", "common-values-file",
            Option("provider", provider?.ToLowerInvariant()),
            Option("cluster-name", cluster),
            Option("authenticator", authenticator),
            Option("logo-url", logoUrl),
            Option("url", homepage),
            Option("funded-by-name", fundedByName),
            Option("funded-by-url", fundedByUrl),
            .. admins.Select(a => Option("admin-users", a)),
        ]);

    /// <summary>A hub's own values file: provider, cluster and the hub's name.</summary>
    public static string HubMainValues(string? provider, string cluster, string hub) =>
        Command([
            "deployer", "generate", "hub-asset", "main-values-file",
            Option("provider", provider?.ToLowerInvariant()),
            Option("cluster-name", cluster),
            Option("hub-name", hub),
        ]);

    /// <summary>A value as a POSIX shell reads it back unchanged: bare when it holds only safe characters, otherwise in
    /// single quotes (a quote inside becomes <c>'\''</c>). Line breaks and control characters are dropped first.</summary>
    public static string Quoted(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = Clean(value);
        return text.Length > 0 && Safe().IsMatch(text) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Longest shell comment, in characters.</summary>
    private const int MaxCommentLength = 300;

    /// <summary>The text without control characters (line breaks included) and invisible format characters.</summary>
    private static string Clean(string value)
    {
        var clean = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var category = char.GetUnicodeCategory(c);
            if (c is '\n' or '\r' or '\t' || category is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                clean.Append(' ');
            else if (!char.IsControl(c) && category != UnicodeCategory.Format)
                clean.Append(c);
        }

        return clean.ToString();
    }

    private static string Argument(string value) => value.Length > MaxArgumentLength ? "" : Quoted(value);

    /// <summary>An argument longer than this is left out (the deployer asks for it): no real one comes near.</summary>
    public const int MaxArgumentLength = 2048;

    private static string Option(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Length > MaxArgumentLength ? "" : $"--{name}={Quoted(value)}";

    private static string Command(IEnumerable<string> parts) => string.Join(' ', parts.Where(p => p.Length > 0));

    [GeneratedRegex("^[A-Za-z0-9._/:@%+=,-]+$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Safe();
}
