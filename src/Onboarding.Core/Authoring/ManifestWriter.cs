using System.Globalization;
using System.Text;
using Onboarding.Core.Manifests;

namespace Onboarding.Core.Authoring;

/// <summary>
/// Writes a <see cref="ManifestDraft"/> as manifest YAML: the schema line first, keys in the schema's order, a short
/// comment before each section, Markdown as block scalars, dates and deal ids quoted as the examples do, and any
/// other text quoted whenever a plain scalar could be read differently. Whatever the text, the YAML reads back to
/// exactly that text.
/// </summary>
public static class ManifestWriter
{
    public const string SchemaLine = "# yaml-language-server: $schema=../schemas/community.schema.json";

    /// <summary>Where the manifest of the community called <paramref name="name"/> lives.</summary>
    public static string PathFor(string name) => "communities/" + name + ".yaml";

    public static string Write(ManifestDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var w = new Lines();
        w.Add(SchemaLine);
        foreach (var line in CommentLines(draft.Summary))
            w.Add("# " + line);

        w.Add("name: " + Scalar(draft.Name));
        w.Add("long_name: " + Scalar(draft.LongName));
        Optional(w, "", "website", draft.Website);
        Optional(w, "", "github_organization", draft.GitHubOrganization);
        Optional(w, "", "logo", draft.Logo);
        if (draft.Context is not null)
        {
            w.Add("# Answers to the community-context questions, in Markdown.");
            Block(w, "", "context", draft.Context);
        }

        w.Add("# People who may authorise changes for the community (at least one).");
        People(w, "representatives", draft.Representatives, required: true);
        if (draft.TechnicalContacts.Count > 0)
            w.Add("# People told about infrastructure changes and when a hub is ready.");
        People(w, "technical_contacts", draft.TechnicalContacts, required: false);

        w.Add("# HubSpot deal ids (the number at the end of the deal's address), quoted; a renewal adds its deal.");
        if (draft.Deals.Count == 0)
            w.Add("deals: []");
        else
        {
            w.Add("deals:");
            foreach (var deal in draft.Deals)
                w.Add("  - " + Quoted(deal));
        }

        Optional(w, "", "configurator", draft.Configurator);
        if (draft.Notes is not null)
        {
            w.Add("# Anything else the infrastructure team should know; carried into the turnup issues.");
            Block(w, "", "notes", draft.Notes);
        }

        Optional(w, "", "transcript", draft.Transcript);
        Cloud(w, draft.Cloud);

        w.Add("# One entry per hub (1 to 10). Dates are \"YYYY-MM-DD\".");
        if (draft.Hubs.Count == 0)
            w.Add("hubs: []");
        else
        {
            w.Add("hubs:");
            foreach (var hub in draft.Hubs)
                Hub(w, hub);
        }

        return w.ToString();
    }

    private static void Cloud(Lines w, CloudSettings cloud)
    {
        if (cloud is { Provider: null, Region: null, Account: null, AccountName: null, Billing: null })
            return;
        w.Add("# Where the hubs run and who pays; anything left out gets a stated default.");
        w.Add("cloud:");
        Optional(w, "  ", "provider", cloud.Provider);
        Optional(w, "  ", "region", cloud.Region);
        Optional(w, "  ", "account", cloud.Account);
        Optional(w, "  ", "account_name", cloud.AccountName);
        Optional(w, "  ", "billing", cloud.Billing);
    }

    private static void Hub(Lines w, HubDraft hub)
    {
        w.Add("  - name: " + Scalar(hub.Name));
        const string In = "    ";
        w.Add(In + "domain: " + Scalar(hub.Domain));
        w.Add(In + "status: " + Scalar(hub.Status));
        if (hub.Requested is not null)
            w.Add(In + "requested: " + Quoted(hub.Requested));
        if (hub.Deployed is not null)
            w.Add(In + "deployed: " + Quoted(hub.Deployed));
        Optional(w, In, "url", hub.Url);
        if (hub.Auth is { } auth)
        {
            w.Add(In + "auth:");
            w.Add(In + "  method: " + Scalar(auth.Method));
            FlowList(w, In + "  ", "organizations", auth.Organizations);
            FlowList(w, In + "  ", "teams", auth.Teams);
            FlowList(w, In + "  ", "institutions", auth.Institutions);
            FlowList(w, In + "  ", "admins", auth.Admins);
        }

        Optional(w, In, "image", hub.Image);
        if (hub.Gpu is { } gpu)
        {
            w.Add(In + "gpu:");
            Optional(w, In + "  ", "type", gpu.Type);
            w.Add(In + "  team: " + Scalar(gpu.Team));
        }

        FlowList(w, In, "resources", hub.Resources);
        if (hub.Dask is { } dask)
            w.Add(In + "dask: " + Flag(dask));
        if (hub.Buckets is { } buckets && (buckets.Scratch is not null || buckets.Persistent is not null))
        {
            w.Add(In + "buckets:");
            if (buckets.Scratch is { } scratch)
                w.Add(In + "  scratch: " + Flag(scratch));
            if (buckets.Persistent is { } persistent)
                w.Add(In + "  persistent: " + Flag(persistent));
        }

        Optional(w, In, "funded_by", hub.FundedBy);
    }

    private static void People(Lines w, string key, IReadOnlyList<Person> people, bool required)
    {
        if (people.Count == 0)
        {
            if (required)
                w.Add(key + ": []");
            return;
        }

        w.Add(key + ":");
        foreach (var person in people)
        {
            w.Add("  - name: " + Scalar(person.Name));
            w.Add("    email: " + Scalar(person.Email));
            Optional(w, "    ", "github", person.GitHub);
        }
    }

    private static void Optional(Lines w, string indent, string key, string? value)
    {
        if (value is not null)
            w.Add(indent + key + ": " + Scalar(value));
    }

    private static void FlowList(Lines w, string indent, string key, IReadOnlyList<string> items)
    {
        if (items.Count > 0)
            w.Add(indent + key + ": [" + string.Join(", ", items.Select(i => Scalar(i, flow: true))) + "]");
    }

    private static string Flag(bool value) => value ? "true" : "false";

    /// <summary>Markdown as a literal block scalar when YAML can hold it that way, else a double-quoted scalar.</summary>
    private static void Block(Lines w, string indent, string key, string text)
    {
        if (!FitsBlock(text))
        {
            w.Add(indent + key + ": " + Quoted(text));
            return;
        }

        var chomp = !text.EndsWith('\n') ? "-" : text.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : "";
        var body = text.EndsWith('\n') ? text[..^1] : text;
        var lines = body.Split('\n');
        // A first line that starts with a space would be taken for deeper indentation: say the indentation instead.
        var firstContent = lines.FirstOrDefault(l => l.Length > 0);
        var indicator = firstContent is not null && firstContent[0] == ' ' ? "2" : "";
        w.Add(indent + key + ": |" + indicator + chomp);
        foreach (var line in lines)
            w.Add(line.Length == 0 ? "" : indent + "  " + line);
    }

    /// <summary>
    /// Printable text only (tabs and line feeds allowed; a carriage return is not kept by a block, so such text is
    /// quoted), and something besides line breaks.
    /// </summary>
    private static bool FitsBlock(string text)
    {
        if (text.Trim('\n').Length == 0)
            return false;
        foreach (var c in text)
        {
            if (c is not ('\n' or '\t') && NeedsEscape(c))
                return false;
        }

        // A trailing space on the last line would be trimmed by editors; keep such text exact by quoting it.
        return !text.Split('\n').Any(l => l.EndsWith(' ') || l.EndsWith('\t'));
    }

    /// <summary>Plain when no YAML reader could read it as anything but this text; double-quoted otherwise.</summary>
    internal static string Scalar(string value, bool flow = false) => IsSafePlain(value, flow) ? value : Quoted(value);

    private static bool IsSafePlain(string value, bool flow)
    {
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]) || value[^1] is ' ' or ':')
            return false;
        if (Reserved.Contains(value))
            return false;
        if (value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal))
            return false;
        if (flow && value.Contains(':', StringComparison.Ordinal))
            return false;
        foreach (var c in value)
        {
            var safe = char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '/' or '@' or '+' or '(' or ')' or '\'' or '=' or '?' or '&' or '%' or '~' or ':' or '#'
                || (!flow && c is ',')
                || (c > 127 && char.IsLetter(c));
            if (!safe)
                return false;
        }

        return !value.Contains("  ", StringComparison.Ordinal);
    }

    /// <summary>Words some YAML readers take for booleans or null, in any case.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    };

    /// <summary>A double-quoted scalar: backslash, quote, line breaks and anything unprintable escaped.</summary>
    internal static string Quoted(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (NeedsEscape(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    /// <summary>Outside YAML's printable set, a line break YAML 1.1 readers know, or a byte-order mark.</summary>
    private static bool NeedsEscape(char c) =>
        c < ' ' || c is '\u007F' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF'
        || (c >= '\u0080' && c < '\u00A0')
        || char.IsSurrogate(c);

    /// <summary>A summary as comment lines: one per line of text, control characters dropped.</summary>
    private static IEnumerable<string> CommentLines(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
            yield break;
        foreach (var line in summary.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r'))
        {
            var clean = new string([.. line.Where(c => !NeedsEscape(c) && c != '\t')]).Trim();
            if (clean.Length > 0)
                yield return clean;
        }
    }

    private sealed class Lines
    {
        private readonly StringBuilder _text = new();

        public void Add(string line) => _text.Append(line).Append('\n');

        public override string ToString() => _text.ToString();
    }
}
