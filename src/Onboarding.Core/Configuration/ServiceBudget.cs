using System.Globalization;

namespace Onboarding.Core.Configuration;

/// <summary>Which of a service's limits a request counts against, besides the service's own budget.</summary>
public enum RequestBucket
{
    /// <summary>GET /api/v2/tickets (Freshdesk's Tickets List).</summary>
    FreshdeskTicketsList,

    /// <summary>GET /api/v2/contacts (Contacts List).</summary>
    FreshdeskContactsList,

    /// <summary>POST /api/v2/tickets and /api/v2/tickets/outbound_email (Ticket Create).</summary>
    FreshdeskTicketCreate,

    /// <summary>PUT /api/v2/tickets/{id} (Ticket Update).</summary>
    FreshdeskTicketUpdate,

    /// <summary>Any other Freshdesk request: only the account's budget.</summary>
    FreshdeskOther,

    /// <summary>POST /crm/v3/objects/{type}/search (HubSpot's search limit).</summary>
    HubSpotSearch,

    /// <summary>Any other HubSpot request.</summary>
    HubSpotOther,
}

/// <summary>
/// One limit of a service: at most <see cref="Limit"/> requests of the <see cref="Counts"/> buckets per
/// <see cref="Window"/>, of which this program may use <see cref="Share"/>.
/// </summary>
/// <param name="Name">What is limited, as a sentence names it ("Freshdesk's Tickets List").</param>
public sealed record BudgetLimit(string Service, string Name, int Limit, TimeSpan Window, double Share, IReadOnlyList<RequestBucket> Counts)
{
    /// <summary>The requests this program may make per <see cref="Window"/>: the share of the limit, at least one.</summary>
    public int Allowed => Math.Max(1, (int)Math.Floor(Limit * Share));

    /// <summary>
    /// The requests this program may make in a run of <paramref name="run"/>: one window's worth for each whole window
    /// the run spans (at least one window, since a run starts with a fresh one).
    /// </summary>
    public long AllowedIn(TimeSpan run) => Allowed * Math.Max(1L, (long)Math.Floor(run / Window));

    /// <summary>"100 a minute (a half of 200)" and the like.</summary>
    public string Words() =>
        Share >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Limit:N0} {Per(Window)}")
            : string.Create(CultureInfo.InvariantCulture, $"{Allowed:N0} {Per(Window)} ({Share:0.##} of {Limit:N0})");

    private static string Per(TimeSpan window) => window switch
    {
        { TotalDays: 1 } => "a day",
        { TotalHours: 1 } => "an hour",
        { TotalMinutes: 1 } => "a minute",
        { TotalSeconds: 1 } => "a second",
        _ => string.Create(CultureInfo.InvariantCulture, $"per {window.TotalSeconds:0} s"),
    };
}

/// <summary>
/// The limits of the real plans, from the settings: Freshdesk's account budget and per-endpoint caps
/// (<see cref="FreshdeskRateLimits"/>) at <c>freshdesk.share</c>; HubSpot's private-app burst (100 per 10 s) and search
/// (5 a second), which belong to this program's own app and are used in full, and the portal's daily limit, shared by
/// every private app, at <c>hubspot.share</c>.
/// </summary>
public static class ServiceBudget
{
    public const int HubSpotBurst = 100;
    public static readonly TimeSpan HubSpotBurstWindow = TimeSpan.FromSeconds(10);
    public const int HubSpotSearchPerSecond = 5;

    private static readonly RequestBucket[] Freshdesk =
        [RequestBucket.FreshdeskTicketsList, RequestBucket.FreshdeskContactsList, RequestBucket.FreshdeskTicketCreate, RequestBucket.FreshdeskTicketUpdate, RequestBucket.FreshdeskOther];

    private static readonly RequestBucket[] HubSpot = [RequestBucket.HubSpotSearch, RequestBucket.HubSpotOther];

    public static IReadOnlyList<BudgetLimit> Of(OnboardingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var plan = FreshdeskRateLimits.For(settings.Freshdesk.Plan);
        var share = settings.Freshdesk.Share;
        var planName = settings.Freshdesk.Plan.ToString();
        var minute = TimeSpan.FromMinutes(1);
        var limits = new List<BudgetLimit> { new("freshdesk", $"Freshdesk's {planName} budget", plan.Requests, plan.Window, share, Freshdesk) };
        Cap("Tickets List", plan.TicketsList, RequestBucket.FreshdeskTicketsList);
        Cap("Contacts List", plan.ContactsList, RequestBucket.FreshdeskContactsList);
        Cap("Ticket Create", plan.TicketCreate, RequestBucket.FreshdeskTicketCreate);
        Cap("Ticket Update", plan.TicketUpdate, RequestBucket.FreshdeskTicketUpdate);
        limits.Add(new("hubspot", "HubSpot's burst limit", HubSpotBurst, HubSpotBurstWindow, 1, HubSpot));
        limits.Add(new("hubspot", "HubSpot's search limit", HubSpotSearchPerSecond, TimeSpan.FromSeconds(1), 1, [RequestBucket.HubSpotSearch]));
        limits.Add(new("hubspot", "HubSpot's daily limit", settings.HubSpot.DailyLimit, TimeSpan.FromDays(1), settings.HubSpot.Share, HubSpot));
        return limits;

        void Cap(string name, int? perMinute, RequestBucket bucket)
        {
            if (perMinute is { } cap)
                limits.Add(new("freshdesk", $"Freshdesk's {name}", cap, minute, share, [bucket]));
        }
    }

    /// <summary>The bucket of a request to <paramref name="service"/> ("freshdesk", "hubspot"); null for other services.</summary>
    public static RequestBucket? BucketOf(string service, string method, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Split('?')[0].TrimEnd('/');
        return service switch
        {
            "freshdesk" => method switch
            {
                "GET" when trimmed.EndsWith("/api/v2/tickets", StringComparison.Ordinal) => RequestBucket.FreshdeskTicketsList,
                "GET" when trimmed.EndsWith("/api/v2/contacts", StringComparison.Ordinal) => RequestBucket.FreshdeskContactsList,
                "POST" when trimmed.EndsWith("/api/v2/tickets", StringComparison.Ordinal) || trimmed.EndsWith("/api/v2/tickets/outbound_email", StringComparison.Ordinal)
                    => RequestBucket.FreshdeskTicketCreate,
                "PUT" when IsOneTicket(trimmed) => RequestBucket.FreshdeskTicketUpdate,
                _ => RequestBucket.FreshdeskOther,
            },
            "hubspot" => method == "POST" && trimmed.EndsWith("/search", StringComparison.Ordinal) ? RequestBucket.HubSpotSearch : RequestBucket.HubSpotOther,
            _ => null,
        };
    }

    private static bool IsOneTicket(string path)
    {
        var segments = path.Split('/');
        return segments.Length >= 4 && segments[^2] == "tickets" && segments[^3] == "v2" && segments[^4] == "api"
            && long.TryParse(segments[^1], NumberStyles.None, CultureInfo.InvariantCulture, out _);
    }
}
