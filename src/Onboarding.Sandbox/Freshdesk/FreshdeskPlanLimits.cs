namespace Onboarding.Sandbox.Freshdesk;

/// <summary>The endpoints Freshdesk caps on their own, besides the account's budget.</summary>
public enum FreshdeskEndpoint
{
    /// <summary>GET /api/v2/tickets, filtered or not.</summary>
    TicketsList,

    /// <summary>GET /api/v2/contacts, filtered or not.</summary>
    ContactsList,

    /// <summary>POST /api/v2/tickets and POST /api/v2/tickets/outbound_email (which creates a ticket too).</summary>
    TicketCreate,

    /// <summary>PUT /api/v2/tickets/{id}.</summary>
    TicketUpdate,
}

/// <summary>
/// An account's API limits: <see cref="Requests"/> per <see cref="Window"/> for the whole account, and per-minute caps
/// of some endpoints (<see cref="PerMinute"/>). <see cref="Of"/> gives a plan's, from the vendor's table.
/// </summary>
public sealed record FreshdeskPlanLimits(int Requests, TimeSpan Window, IReadOnlyDictionary<FreshdeskEndpoint, int> PerMinute)
{
    /// <summary>The plans the table knows, lower case.</summary>
    public static readonly IReadOnlyList<string> Plans = ["trial", "growth", "pro", "enterprise", "blossom", "garden", "estate", "forest"];

    /// <summary>
    /// Per minute: Trial 50; Growth 200 (Tickets List and Contacts List 20, Ticket Create and Update 80); Pro 400 (100,
    /// 160); Enterprise 700 (200, 280). Per hour: Blossom and Garden 3,000, Estate and Forest 5,000.
    /// </summary>
    public static FreshdeskPlanLimits Of(string plan) => plan.ToLowerInvariant() switch
    {
        "trial" => PerMinuteOnly(50),
        "growth" => Capped(200, lists: 20, writes: 80),
        "pro" => Capped(400, lists: 100, writes: 160),
        "enterprise" => Capped(700, lists: 200, writes: 280),
        "blossom" or "garden" => new(3000, TimeSpan.FromHours(1), new Dictionary<FreshdeskEndpoint, int>()),
        "estate" or "forest" => new(5000, TimeSpan.FromHours(1), new Dictionary<FreshdeskEndpoint, int>()),
        _ => throw new ArgumentException($"Unknown Freshdesk plan '{plan}'; one of {string.Join(", ", Plans)}.", nameof(plan)),
    };

    /// <summary>A budget per minute and no endpoint caps (tests that look at the account's budget alone).</summary>
    public static FreshdeskPlanLimits PerMinuteOnly(int requests) => new(requests, TimeSpan.FromMinutes(1), new Dictionary<FreshdeskEndpoint, int>());

    /// <summary>The endpoint a request is counted against besides the account, if any.</summary>
    public static FreshdeskEndpoint? EndpointOf(string method, string path)
    {
        var trimmed = path.TrimEnd('/');
        return method switch
        {
            "GET" when trimmed.EndsWith("/api/v2/tickets", StringComparison.Ordinal) => FreshdeskEndpoint.TicketsList,
            "GET" when trimmed.EndsWith("/api/v2/contacts", StringComparison.Ordinal) => FreshdeskEndpoint.ContactsList,
            "POST" when trimmed.EndsWith("/api/v2/tickets", StringComparison.Ordinal) || trimmed.EndsWith("/api/v2/tickets/outbound_email", StringComparison.Ordinal)
                => FreshdeskEndpoint.TicketCreate,
            "PUT" when IsOneTicket(trimmed) => FreshdeskEndpoint.TicketUpdate,
            _ => null,
        };
    }

    private static bool IsOneTicket(string path)
    {
        var marker = path.LastIndexOf("/api/v2/tickets/", StringComparison.Ordinal);
        return marker >= 0 && long.TryParse(path[(marker + "/api/v2/tickets/".Length)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _);
    }

    private static FreshdeskPlanLimits Capped(int requests, int lists, int writes) => new(requests, TimeSpan.FromMinutes(1), new Dictionary<FreshdeskEndpoint, int>
    {
        [FreshdeskEndpoint.TicketsList] = lists,
        [FreshdeskEndpoint.ContactsList] = lists,
        [FreshdeskEndpoint.TicketCreate] = writes,
        [FreshdeskEndpoint.TicketUpdate] = writes,
    });
}
