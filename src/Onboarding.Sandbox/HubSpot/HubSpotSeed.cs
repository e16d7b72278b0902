namespace Onboarding.Sandbox.HubSpot;

/// <summary>A deal present when the portal starts.</summary>
public sealed record HubSpotSeedDeal(string Id, string Name, string PipelineId, string StageId, string? Amount = null);

/// <summary>A contact present when the portal starts.</summary>
public sealed record HubSpotSeedContact(string Id, string Email, string? FirstName = null, string? LastName = null, string? GitHub = null);

/// <summary>A contact's labelled association with a seeded community; <paramref name="Label"/> is "Community Representative" or "Technical Contact".</summary>
public sealed record HubSpotSeedLabel(string ContactId, string Label);

/// <summary>A Community record present when the portal starts, as if onboarded by hand, with its labelled contacts and deals.</summary>
public sealed record HubSpotSeedCommunity(string Id, IReadOnlyDictionary<string, string> Properties)
{
    public IReadOnlyList<HubSpotSeedLabel> Contacts { get; init; } = [];

    public IReadOnlyList<string> Deals { get; init; } = [];
}

/// <summary>
/// How an emulated HubSpot portal starts and behaves. <c>new HubSpotSeed()</c> gives a portal with the Community custom
/// object, the two contact labels, a custom onboarding pipeline and a few deals, a 100 requests / 10 s budget and no
/// search lag.
/// </summary>
public sealed record HubSpotSeed
{
    public const string DefaultToken = "pat-sandbox-hubspot-token";

    /// <summary>The custom deal pipeline with "Contract Admin" and "Closed Won"; its ids are numbers in strings, like HubSpot's.</summary>
    public const string OnboardingPipelineId = "731604215";
    public const string QualificationStageId = "1068934501";
    public const string ProposalStageId = "1068934502";
    public const string ContractAdminStageId = "1068934503";
    public const string ClosedWonStageId = "1068934504";
    public const string ClosedLostStageId = "1068934505";

    public const string ContractAdminDealId = "19380000101";
    public const string ClosedWonDealId = "19380000102";
    public const string ClosedLostDealId = "19380000103";
    public const string EarlyDealId = "19380000104";

    public long PortalId { get; init; } = 24681357;

    /// <summary>The Community object's type id (configurable per portal, never hard-coded by clients).</summary>
    public string CommunityObjectTypeId { get; init; } = "2-4711203";

    /// <summary>The Community schema name; its fully qualified name is <c>p&lt;portal&gt;_&lt;name&gt;</c>.</summary>
    public string CommunityObjectName { get; init; } = "community";

    /// <summary>Private-app tokens accepted as <c>Authorization: Bearer</c>.</summary>
    public IReadOnlyList<string> Tokens { get; init; } = [DefaultToken];

    /// <summary>
    /// The granular scopes of tokens that lack some (<see cref="HubSpotScopes.AllBut"/>); a token not named here has every
    /// scope (<see cref="HubSpotScopes.All"/>), as the default token does, which is all onboarding needs.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> TokenScopes { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>The granular scopes <paramref name="token"/> has been granted.</summary>
    public IReadOnlyList<string> ScopesOf(string token) => TokenScopes.TryGetValue(token, out var scopes) ? scopes : HubSpotScopes.All;

    /// <summary>Requests per token per burst window (a private app gets 100 per 10 s).</summary>
    public int RateLimit { get; init; } = 100;

    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(10);

    public int DailyLimit { get; init; } = 250_000;

    /// <summary>Search requests a second per token (CRM search's own limit; past it a 429 with policyName SECONDLY).</summary>
    public int SearchRateLimit { get; init; } = 5;

    /// <summary>How long a write takes to show in search results (real HubSpot: a few seconds).</summary>
    public TimeSpan SearchLag { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Batch read, create and upsert answers list their results in a shuffled order, as HubSpot's may come in any order;
    /// <see cref="BatchOrderSeed"/> makes the order the same on every run of a test. False keeps input order.
    /// </summary>
    public bool ShuffleBatchResults { get; init; } = true;

    public int BatchOrderSeed { get; init; } = 20_260_817;

    /// <summary>A batch upsert carries out the valid inputs and answers 207 with an error for each invalid one; false refuses the whole batch.</summary>
    public bool PartialBatchFailures { get; init; } = true;

    /// <summary>
    /// A duplicate value of a unique property of a custom object is refused with 400 "already has that value" (as HubSpot
    /// has answered), not 409; false answers 409. Contacts' email stays 409 "Contact already exists".
    /// </summary>
    public bool UniqueConflictsAsBadRequest { get; init; } = true;

    /// <summary>Note bodies are sanitised rich text: HTML comments are dropped on write. False keeps them.</summary>
    public bool StripNoteComments { get; init; } = true;

    /// <summary>
    /// The category of the unlabelled association types between the Community object and deals, and notes and the
    /// Community object: USER_DEFINED by default (HubSpot does not guarantee HUBSPOT_DEFINED ones for a custom object),
    /// so the default-association endpoint refuses the pair and a client must use the types the portal lists.
    /// </summary>
    public string CommunityDefaultAssociationCategory { get; init; } = "USER_DEFINED";

    /// <summary>First of the portal-specific association type ids for the Community object (ten consecutive ids).</summary>
    public int CommunityAssociationTypeIdBase { get; init; } = 152;

    public long FirstRecordId { get; init; } = 31_000_001;

    /// <summary>
    /// A portal set up by hand for other purposes: the Community object exists with its unique <c>name</c> only, and
    /// has no association labels to contacts (<c>onboarding setup</c> makes the rest). False: set up for onboarding.
    /// </summary>
    public bool Blank { get; init; }

    public IReadOnlyList<HubSpotSeedDeal> Deals { get; init; } =
    [
        new(ContractAdminDealId, "Example University – research hub", OnboardingPipelineId, ContractAdminStageId, "24000"),
        new(ClosedWonDealId, "Example Institute – education hub renewal", OnboardingPipelineId, ClosedWonStageId, "18000"),
        new(ClosedLostDealId, "Example Society – pilot", OnboardingPipelineId, ClosedLostStageId, "6000"),
        new(EarlyDealId, "Example College – first call", "default", "qualifiedtobuy"),
    ];

    public IReadOnlyList<HubSpotSeedContact> Contacts { get; init; } =
    [
        new("19380000201", "ada.lovelace@example.org", "Ada", "Lovelace"),
    ];

    /// <summary>Community records present from the start (none by default); their contacts and deals must be seeded too.</summary>
    public IReadOnlyList<HubSpotSeedCommunity> Communities { get; init; } = [];

    public string CommunityFullyQualifiedName => $"p{PortalId}_{CommunityObjectName}";

    public int CommunityToContactDefaultTypeId => CommunityAssociationTypeIdBase;

    public int CommunityRepresentativeTypeId => CommunityAssociationTypeIdBase + 2;

    public int TechnicalContactTypeId => CommunityAssociationTypeIdBase + 4;

    public int CommunityToDealDefaultTypeId => CommunityAssociationTypeIdBase + 6;

    public int NoteToCommunityDefaultTypeId => CommunityAssociationTypeIdBase + 8;
}
