namespace Onboarding.Core.Configuration;

/// <summary>The Freshdesk plan of the account (<c>freshdesk.plan</c>): it decides the API's rate limits.</summary>
public enum FreshdeskPlan
{
    Trial,
    Growth,
    Pro,
    Enterprise,
    Blossom,
    Garden,
    Estate,
    Forest,
}

/// <summary>
/// The API budget of a Freshdesk account: <see cref="Requests"/> per <see cref="Window"/> for the whole account (shared
/// with every other integration of the account), and per-minute caps on some endpoints. Freshdesk's published plan
/// table: per minute Trial 50, Growth 200, Pro 400, Enterprise 700, with Tickets List and Contacts List at 20, 100, 200
/// and Ticket Create and Ticket Update at 80, 160, 280 a minute on Growth, Pro and Enterprise; the newer plans count by
/// the hour, Blossom and Garden 3,000, Estate and Forest 5,000.
/// </summary>
/// <param name="TicketsList">GET /api/v2/tickets a minute; null: no cap of its own.</param>
/// <param name="ContactsList">GET /api/v2/contacts a minute.</param>
/// <param name="TicketCreate">POST /api/v2/tickets (and outbound email, which creates a ticket) a minute.</param>
/// <param name="TicketUpdate">PUT /api/v2/tickets/{id} a minute.</param>
public sealed record FreshdeskRateLimits(int Requests, TimeSpan Window, int? TicketsList = null, int? ContactsList = null, int? TicketCreate = null, int? TicketUpdate = null)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    public static FreshdeskRateLimits For(FreshdeskPlan plan) => plan switch
    {
        FreshdeskPlan.Trial => new(50, Minute),
        FreshdeskPlan.Growth => new(200, Minute, TicketsList: 20, ContactsList: 20, TicketCreate: 80, TicketUpdate: 80),
        FreshdeskPlan.Pro => new(400, Minute, TicketsList: 100, ContactsList: 100, TicketCreate: 160, TicketUpdate: 160),
        FreshdeskPlan.Enterprise => new(700, Minute, TicketsList: 200, ContactsList: 200, TicketCreate: 280, TicketUpdate: 280),
        FreshdeskPlan.Blossom or FreshdeskPlan.Garden => new(3000, Hour),
        FreshdeskPlan.Estate or FreshdeskPlan.Forest => new(5000, Hour),
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, "Not a Freshdesk plan."),
    };

    /// <summary>A budget per minute with no endpoint caps (tests and tools that need no realism).</summary>
    public static FreshdeskRateLimits PerMinute(int requests) => new(requests, Minute);
}
