namespace Onboarding.Sandbox.Freshdesk;

/// <summary>A support mailbox configured in the helpdesk; outbound email must name one by id.</summary>
public sealed record FreshdeskEmailConfigSeed(long Id, string Name, string ReplyEmail, bool Primary = false);

/// <summary>A custom field definition. <paramref name="Type"/> is one of text, paragraph, url, number, checkbox, date.</summary>
public sealed record FreshdeskCustomFieldSeed(string Name, string Type = "text");

/// <summary>How the emulated helpdesk starts: its key, mailboxes, custom fields and limits.</summary>
public sealed record FreshdeskSeed
{
    /// <summary>The plan feature (Estate and above) that setting a ticket's <c>company_id</c> needs.</summary>
    public const string MultipleCompanies = "multiple_companies";

    /// <summary>The agent's API key; Basic auth sends it as the username with any password (conventionally "X").</summary>
    public string ApiKey { get; init; } = "sandbox-freshdesk-key";

    /// <summary>Other agents' API keys the helpdesk accepts too (drift's read-only agent, in tests).</summary>
    public IReadOnlyList<string> OtherApiKeys { get; init; } = [];

    /// <summary>The helpdesk subdomain (only used to name the account in the rate limiter).</summary>
    public string Domain { get; init; } = "sandbox";

    /// <summary>The agent the API key belongs to: outbound email is assigned to them and notes are written by them.</summary>
    public long AgentId { get; init; } = 43_000_000_777;

    public IReadOnlyList<FreshdeskEmailConfigSeed> EmailConfigs { get; init; } =
    [
        new(43_000_012_345, "Support", "support@sandbox.example", Primary: true),
    ];

    public IReadOnlyList<FreshdeskCustomFieldSeed> CompanyCustomFields { get; init; } =
    [
        new("community_representatives", "paragraph"),
        new("hub_urls", "paragraph"),
        new("grafana_url", "url"),
    ];

    public IReadOnlyList<FreshdeskCustomFieldSeed> ContactCustomFields { get; init; } = [];

    public IReadOnlyList<FreshdeskCustomFieldSeed> TicketCustomFields { get; init; } = [];

    /// <summary>Allowed values of a ticket's <c>type</c>.</summary>
    public IReadOnlyList<string> TicketTypes { get; init; } = ["Question", "Incident", "Problem", "Feature Request"];

    /// <summary>
    /// The account's plan (one of <see cref="FreshdeskPlanLimits.Plans"/>): its budget per minute or per hour, and its
    /// per-endpoint caps, as Freshdesk's plan table gives them.
    /// </summary>
    public string Plan { get; init; } = "growth";

    /// <summary>Limits instead of the plan's (tests that need a small budget or none); null: the plan's.</summary>
    public FreshdeskPlanLimits? RateLimits { get; init; }

    public FreshdeskPlanLimits Limits => RateLimits ?? FreshdeskPlanLimits.Of(Plan);

    /// <summary>
    /// What the plan includes, such as <c>multiple_companies</c> (Estate and above), which setting a ticket's
    /// <c>company_id</c> needs. None by default: the stricter account.
    /// </summary>
    public IReadOnlySet<string> Features { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>How many companies autocomplete answers at most (Freshdesk's list is cut short at 10 to 20).</summary>
    public int AutocompleteLimit { get; init; } = 10;

    /// <summary>How long a ticket write takes to show up in <c>/search/tickets</c>. The plain list never lags.</summary>
    public TimeSpan SearchLag { get; init; } = TimeSpan.Zero;

    /// <summary>Without <c>updated_since</c>, the ticket list only shows tickets created within this period.</summary>
    public TimeSpan TicketListDefaultPeriod { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The last page of a ticket listing Freshdesk serves (300 pages, 30,000 tickets at 100 a page); a later page is refused.</summary>
    public int TicketListMaxPages { get; init; } = 300;

    public long FirstContactId { get; init; } = 43_001_000_001;

    public long FirstCompanyId { get; init; } = 43_000_200_001;

    public long FirstTicketId { get; init; } = 1;

    public long FirstConversationId { get; init; } = 43_005_000_001;
}
