using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Onboarding.Sandbox.Freshdesk;
using Onboarding.Sandbox.GitHub;
using Onboarding.Sandbox.HubSpot;

namespace Onboarding.Sandbox.Inspection;

/// <summary>
/// One thing a service holds, named by what identifies it to the program (a contact by email, an issue by its marker, a
/// ticket by its tags) rather than by the id the service gave it, with everything else about it in <paramref name="Content"/>.
/// </summary>
/// <param name="Kind">Service and kind, such as "hubspot contacts" or "github issue".</param>
public sealed record SnapshotFact(string Kind, string Key, string Content)
{
    public override string ToString() => $"{Kind} {Key}";
}

/// <summary>
/// What the emulators hold, with ids, timestamps and ports normalised away, so two sandboxes that were driven to the
/// same state (one undisturbed, one through faults and crashes) compare equal, and a duplicate or a missing item shows
/// as a key counted a different number of times.
/// </summary>
public sealed partial class SandboxSnapshot
{
    // Set by the service itself: ids and times differ between any two sandboxes.
    private static readonly HashSet<string> VolatileProperties = new(StringComparer.Ordinal)
    {
        "hs_object_id", "createdate", "lastmodifieddate", "hs_createdate", "hs_lastmodifieddate", "hs_timestamp",
    };

    private readonly Dictionary<string, string> _longIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _ticketIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _issueNumbers = new(StringComparer.Ordinal);
    private readonly List<(string Address, string Name)> _addresses;

    private SandboxSnapshot(IEnumerable<(Uri Address, string Name)> addresses) =>
        _addresses = [.. addresses.Select(a => (a.Address.GetLeftPart(UriPartial.Authority), $"<{a.Name}>"))];

    public IReadOnlyList<SnapshotFact> Facts { get; private set; } = [];

    /// <summary>What a running sandbox holds now.</summary>
    public static SandboxSnapshot Capture(SandboxServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return From(
            HubSpotStore.ImportJson(server.HubSpotEmulator.Store.ExportJson()),
            FreshdeskStore.ImportJson(server.FreshdeskEmulator.Store.ExportJson()),
            GitHubStore.ImportJson(server.GitHubEmulator.Store.ExportJson()),
            [(server.HubSpot.BaseAddress, "hubspot"), (server.Freshdesk.BaseAddress, "freshdesk"), (server.GitHub.BaseAddress, "github")]);
    }

    /// <param name="addresses">The emulators' base addresses, replaced by their names wherever a text holds a link.</param>
    public static SandboxSnapshot From(HubSpotState hubSpot, FreshdeskState freshdesk, GitHubState gitHub, IEnumerable<(Uri Address, string Name)> addresses)
    {
        ArgumentNullException.ThrowIfNull(hubSpot);
        ArgumentNullException.ThrowIfNull(freshdesk);
        ArgumentNullException.ThrowIfNull(gitHub);
        var snapshot = new SandboxSnapshot(addresses);
        var hubSpotKeys = snapshot.NameHubSpot(hubSpot);
        var freshdeskKeys = snapshot.NameFreshdesk(freshdesk);
        var issueKeys = snapshot.NameIssues(gitHub);
        var facts = new List<SnapshotFact>();
        facts.AddRange(snapshot.HubSpotFacts(hubSpot, hubSpotKeys));
        facts.AddRange(snapshot.FreshdeskFacts(freshdesk, freshdeskKeys));
        facts.AddRange(snapshot.GitHubFacts(gitHub, issueKeys));
        snapshot.Facts = [.. facts.OrderBy(f => f.Kind, StringComparer.Ordinal).ThenBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Content, StringComparer.Ordinal)];
        return snapshot;
    }

    // ---- natural keys ----------------------------------------------------------------------------------------------

    private Dictionary<(string Type, string Id), string> NameHubSpot(HubSpotState state)
    {
        var names = state.Schemas.ToDictionary(s => s.ObjectTypeId, s => s.Name, StringComparer.Ordinal);
        var keys = new Dictionary<(string, string), string>();
        foreach (var (type, records) in state.Records)
        {
            var typeName = names.GetValueOrDefault(type, type);
            foreach (var record in records.Values)
            {
                var p = record.Properties;
                var key = typeName switch
                {
                    "contacts" when p.TryGetValue("email", out var email) => email.ToLowerInvariant(),
                    "notes" when p.TryGetValue("hs_note_body", out var body) => "body " + Hash(body),
                    _ when p.TryGetValue("name", out var name) && type.StartsWith("2-", StringComparison.Ordinal) => name,
                    // Deals and anything else the program never creates keep their seeded ids, which every sandbox shares.
                    _ => "id " + record.Id,
                };
                keys[(type, record.Id)] = $"{typeName}:{key}";
                _longIds[record.Id] = $"{typeName}:{key}";
            }
        }

        return keys;
    }

    private Dictionary<long, string> NameFreshdesk(FreshdeskState state)
    {
        var keys = new Dictionary<long, string>();
        foreach (var contact in state.Contacts)
            _longIds[Id(contact.Id)] = keys[contact.Id] = "contact:" + (contact.Email?.ToLowerInvariant() ?? contact.Name);
        foreach (var company in state.Companies)
            _longIds[Id(company.Id)] = keys[company.Id] = "company:" + company.Name;
        foreach (var ticket in state.Tickets)
            _ticketIds[Id(ticket.Id)] = keys[ticket.Id] = "ticket:" + TicketKey(ticket);
        return keys;
    }

    private Dictionary<(string Repository, int Number), string> NameIssues(GitHubState state)
    {
        var keys = new Dictionary<(string, int), string>();
        foreach (var repository in state.Repositories)
        {
            foreach (var issue in repository.Issues)
            {
                var firstLine = (issue.Body ?? "").Split('\n')[0].Trim();
                var key = firstLine.StartsWith("<!--", StringComparison.Ordinal) ? firstLine : issue.Title;
                keys[(repository.Name, issue.Number)] = $"{repository.Owner}/{repository.Name} {key}";
                _issueNumbers[issue.Number.ToString(CultureInfo.InvariantCulture)] = $"<{key}>";
            }
        }

        return keys;
    }

    private static string TicketKey(TicketRecord ticket) =>
        ticket.Tags.Count > 0 ? "tags " + string.Join(",", ticket.Tags.Order(StringComparer.Ordinal)) : "subject " + ticket.Subject;

    // ---- facts -----------------------------------------------------------------------------------------------------

    private IEnumerable<SnapshotFact> HubSpotFacts(HubSpotState state, Dictionary<(string Type, string Id), string> keys)
    {
        var names = state.Schemas.ToDictionary(s => s.ObjectTypeId, s => s.Name, StringComparer.Ordinal);
        foreach (var (type, records) in state.Records)
        {
            foreach (var record in records.Values)
            {
                var properties = record.Properties
                    .Where(p => !VolatileProperties.Contains(p.Key))
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={Normalize(p.Value)}");
                var archived = record.Archived ? "archived " : "";
                yield return new SnapshotFact($"hubspot {names.GetValueOrDefault(type, type)}", keys[(type, record.Id)][(keys[(type, record.Id)].IndexOf(':', StringComparison.Ordinal) + 1)..],
                    archived + string.Join("; ", properties));
            }
        }

        var definitions = state.AssociationDefinitions
            .GroupBy(d => d.TypeId)
            .ToDictionary(g => g.Key, g => g.First().Label ?? g.First().Name);
        foreach (var edge in state.Associations)
        {
            var from = keys.GetValueOrDefault((edge.FromObjectTypeId, edge.FromObjectId), $"{edge.FromObjectTypeId}:{edge.FromObjectId}");
            var to = keys.GetValueOrDefault((edge.ToObjectTypeId, edge.ToObjectId), $"{edge.ToObjectTypeId}:{edge.ToObjectId}");
            var labels = edge.TypeIds.Select(t => definitions.GetValueOrDefault(t, t.ToString(CultureInfo.InvariantCulture))).Order(StringComparer.Ordinal);
            yield return new SnapshotFact("hubspot association", $"{from} -> {to}", string.Join(", ", labels));
        }
    }

    private IEnumerable<SnapshotFact> FreshdeskFacts(FreshdeskState state, Dictionary<long, string> keys)
    {
        string Name(long? id) => id is { } value ? keys.GetValueOrDefault(value, "unknown") : "none";

        foreach (var contact in state.Contacts)
        {
            yield return new SnapshotFact("freshdesk contact", contact.Email?.ToLowerInvariant() ?? contact.Name, Join(
                $"name={contact.Name}", $"company={Name(contact.CompanyId)}", $"other_emails={string.Join(",", contact.OtherEmails.Order(StringComparer.Ordinal))}",
                $"tags={string.Join(",", contact.Tags.Order(StringComparer.Ordinal))}", $"job_title={contact.JobTitle}", $"description={Normalize(contact.Description)}",
                $"phone={contact.Phone}", $"mobile={contact.Mobile}", $"deleted={contact.Deleted}", $"view_all_tickets={contact.ViewAllTickets}", $"custom={Fields(contact.CustomFields)}"));
        }

        foreach (var company in state.Companies)
        {
            yield return new SnapshotFact("freshdesk company", company.Name, Join(
                $"description={Normalize(company.Description)}", $"note={Normalize(company.Note)}", $"domains={string.Join(",", company.Domains.Order(StringComparer.Ordinal))}",
                $"custom={Fields(company.CustomFields)}"));
        }

        var tickets = state.Tickets.ToDictionary(t => t.Id);
        foreach (var ticket in state.Tickets)
        {
            yield return new SnapshotFact("freshdesk ticket", TicketKey(ticket), Join(
                $"subject={ticket.Subject}", $"status={ticket.Status}", $"priority={ticket.Priority}", $"source={ticket.Source}", $"type={ticket.Type}",
                $"requester={Name(ticket.RequesterId)}", $"company={Name(ticket.CompanyId)}", $"email_config={ticket.EmailConfigId}",
                $"to={string.Join(",", (ticket.ToEmails ?? []).Order(StringComparer.Ordinal))}", $"cc={string.Join(",", ticket.CcEmails.Order(StringComparer.Ordinal))}",
                $"deleted={ticket.Deleted}", $"spam={ticket.Spam}", $"custom={Fields(ticket.CustomFields)}", $"description={Normalize(ticket.Description)}"));
        }

        foreach (var conversation in state.Conversations)
        {
            var ticket = tickets.TryGetValue(conversation.TicketId, out var t) ? TicketKey(t) : "unknown ticket";
            var body = Normalize(conversation.Body);
            yield return new SnapshotFact("freshdesk conversation", $"{ticket} body {Hash(body)}", Join(
                $"private={conversation.Private}", $"incoming={conversation.Incoming}", $"source={conversation.Source}", $"category={conversation.Category}",
                $"to={string.Join(",", conversation.ToEmails.Order(StringComparer.Ordinal))}", $"body={body}"));
        }
    }

    private IEnumerable<SnapshotFact> GitHubFacts(GitHubState state, Dictionary<(string Repository, int Number), string> keys)
    {
        foreach (var repository in state.Repositories)
        {
            var prefix = $"{repository.Owner}/{repository.Name}";
            foreach (var label in repository.Labels)
                yield return new SnapshotFact("github label", $"{prefix} {label.Name}", Join($"color={label.Color}", $"description={label.Description}"));
            foreach (var issue in repository.Issues.Where(i => i.PullRequest is null))
            {
                yield return new SnapshotFact("github issue", keys[(repository.Name, issue.Number)], Join(
                    $"title={issue.Title}", $"state={issue.State}", $"state_reason={issue.StateReason}", $"locked={issue.Locked}",
                    $"labels={string.Join(",", issue.Labels.Order(StringComparer.Ordinal))}", $"author={issue.Author}", $"body={Normalize(issue.Body)}"));
            }

            foreach (var comment in repository.Comments)
            {
                var issue = keys.GetValueOrDefault((repository.Name, comment.IssueNumber), $"{prefix} #{comment.IssueNumber}");
                var body = Normalize(comment.Body);
                yield return new SnapshotFact("github comment", $"{issue} body {Hash(body)}", Join($"author={comment.Author}", $"body={body}"));
            }

            foreach (var file in repository.Files)
                yield return new SnapshotFact("github file", $"{prefix} {file.Branch}:{file.Path}", file.Sha);
        }
    }

    // ---- normalising text ------------------------------------------------------------------------------------------

    /// <summary>Replaces the emulators' addresses by their names, and the ids a service gave by the thing they name.</summary>
    private string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        foreach (var (address, name) in _addresses)
            text = text.Replace(address, name, StringComparison.Ordinal);
        // Long ids (HubSpot records, Freshdesk contacts and companies) are distinctive wherever they stand.
        text = LongNumber().Replace(text, m => _longIds.TryGetValue(m.Value, out var key) ? $"<{key}>" : m.Value);
        // Ticket ids and issue numbers are small, so only where a link or a reference holds them.
        text = TicketLink().Replace(text, m => m.Groups[1].Value + (_ticketIds.TryGetValue(m.Groups[2].Value, out var key) ? $"<{key}>" : m.Groups[2].Value));
        text = IssueReference().Replace(text, m => m.Groups[1].Value + (_issueNumbers.TryGetValue(m.Groups[2].Value, out var key) ? key : m.Groups[2].Value));
        return text;
    }

    private static string Fields(Dictionary<string, JsonNode?> fields) =>
        string.Join(",", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}:{f.Value?.ToJsonString() ?? "null"}"));

    private static string Join(params string[] parts) => string.Join("; ", parts);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];

    [GeneratedRegex(@"(?<![0-9])[0-9]{6,}(?![0-9])")]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"(/tickets/)([0-9]+)")]
    private static partial Regex TicketLink();

    [GeneratedRegex(@"(/issues/|(?<![&\w])#)([0-9]+)(?![0-9])")]
    private static partial Regex IssueReference();

    /// <summary>Every fact as one line, for a file to diff by eye.</summary>
    public string ToText() => string.Join('\n', Facts.Select(f => $"{f.Kind} | {f.Key} | {f.Content}"));

    /// <summary>The number of facts of each kind, to show that a comparison compared something.</summary>
    public IReadOnlyDictionary<string, int> CountByKind() =>
        Facts.GroupBy(f => f.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
