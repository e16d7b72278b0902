using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>
/// The emulated helpdesk's state (<see cref="FreshdeskState"/>) behind one lock, and what its resource stores share:
/// finding a contact, company or ticket, the ticket search index, and Freshdesk's JSON. The stores
/// (<see cref="FreshdeskContacts"/>, <see cref="FreshdeskCompanies"/>, <see cref="FreshdeskTickets"/>,
/// <see cref="FreshdeskConversations"/>, <see cref="FreshdeskEmailConfigs"/>) throw <see cref="FreshdeskProblem"/> for
/// the answers Freshdesk gives to bad requests, and answer with snapshots (never live objects) for good ones.
/// </summary>
public sealed partial class FreshdeskStore : ServiceStore<FreshdeskState>
{
    // Not FreshdeskJson.Options: the API's timestamps are cut to the second, but a saved search index must keep when
    // each version becomes visible to the tick.
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    /// <param name="state">What <see cref="ImportJson"/> read; null starts from the seed.</param>
    public FreshdeskStore(FreshdeskSeed? seed = null, TimeProvider? time = null, FreshdeskState? state = null)
        : this(time ?? TimeProvider.System, seed ?? new FreshdeskSeed(), state)
    {
    }

    private FreshdeskStore(TimeProvider time, FreshdeskSeed seed, FreshdeskState? state)
        : base(state is null ? Fresh(seed) : Copy(state), time, StateJson)
    {
        Seed = seed;
    }

    public FreshdeskSeed Seed { get; }

    /// <summary>A deep copy of the whole state, for tests to inspect.</summary>
    public FreshdeskState Snapshot() => Read(Copy);

    /// <summary>Reads what <see cref="ServiceStore{TState}.ExportJson"/> wrote; pass the result to the store or emulator constructor.</summary>
    /// <exception cref="JsonException">The text is not a saved helpdesk.</exception>
    public static FreshdeskState ImportJson(string json) =>
        JsonSerializer.Deserialize<FreshdeskState>(json, StateJson) ?? throw new JsonException("The Freshdesk state is empty.");

    internal static bool LooksLikeEmail(string value) => EmailPattern().IsMatch(value);

    // ---- shared by the resource stores (under the lock) ------------------------------------------------------------

    internal ContactRecord? FindContact(long id) => State.Contacts.FirstOrDefault(c => c.Id == id);

    internal CompanyRecord? FindCompany(long id) => State.Companies.FirstOrDefault(c => c.Id == id);

    internal TicketRecord? FindTicket(long id) => State.Tickets.FirstOrDefault(t => t.Id == id);

    internal FreshdeskEmailConfigSeed? EmailConfig(long? id) => id is null ? null : Seed.EmailConfigs.FirstOrDefault(c => c.Id == id);

    internal static bool HasEmail(ContactRecord contact, string email) =>
        string.Equals(contact.Email, email, StringComparison.OrdinalIgnoreCase)
        || contact.OtherEmails.Contains(email, StringComparer.OrdinalIgnoreCase);

    /// <summary>Search sees this version of the ticket once <see cref="FreshdeskSeed.SearchLag"/> has passed.</summary>
    internal void Index(TicketRecord ticket, DateTimeOffset now)
    {
        var visibleAt = now + Seed.SearchLag;
        // Drop versions that a newer, already visible version hides.
        var hidden = State.SearchIndex.Where(e => e.TicketId == ticket.Id && e.VisibleAt <= now).SkipLast(1).ToList();
        foreach (var entry in hidden)
            State.SearchIndex.Remove(entry);
        State.SearchIndex.Add(new SearchIndexEntry { TicketId = ticket.Id, VisibleAt = visibleAt, Ticket = Clone(ticket) });
    }

    internal static DateTimeOffset Second(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    internal static string? HtmlToText(string? html)
    {
        if (html is null)
            return null;
        var text = WebUtility.HtmlDecode(TagPattern().Replace(html, " "));
        return SpacePattern().Replace(text, " ").Trim();
    }

    internal static JsonObject ToJson<T>(T value) => JsonSerializer.SerializeToNode(value, FreshdeskJson.Options)!.AsObject();

    internal static T Clone<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, FreshdeskJson.Options), FreshdeskJson.Options)!;

    private static FreshdeskState Copy(FreshdeskState state)
    {
        var copy = Clone(state);
        // Timestamps are stored to the second, but search visibility must keep its full precision.
        for (var i = 0; i < copy.SearchIndex.Count; i++)
            copy.SearchIndex[i].VisibleAt = state.SearchIndex[i].VisibleAt;
        return copy;
    }

    private static FreshdeskState Fresh(FreshdeskSeed seed) => new()
    {
        NextContactId = seed.FirstContactId,
        NextCompanyId = seed.FirstCompanyId,
        NextTicketId = seed.FirstTicketId,
        NextConversationId = seed.FirstConversationId,
        CompanyFields = [.. seed.CompanyCustomFields.Select((f, i) => new CompanyFieldRecord { Id = FirstCompanyFieldId + i, Name = f.Name, Label = f.Name, Type = f.Type })],
    };

    /// <summary>The id of the first custom company field (the default fields come before it).</summary>
    internal const long FirstCompanyFieldId = 43_000_300_001;

    /// <summary>The custom company fields the helpdesk has now.</summary>
    internal IReadOnlyList<FreshdeskCustomFieldSeed> CompanyCustomFields =>
        State.CompanyFields is { } fields ? [.. fields.Select(f => new FreshdeskCustomFieldSeed(f.Name, f.Type))] : Seed.CompanyCustomFields;

    [GeneratedRegex(@"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex SpacePattern();
}
