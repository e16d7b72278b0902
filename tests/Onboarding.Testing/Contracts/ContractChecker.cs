using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Testing.Contracts;

/// <summary>A request that breaks its vendor's description, and the rule it breaks.</summary>
/// <param name="Operation">The operation as the description names it (<c>POST /crm/v3/objects/{objectType}/batch/read</c>), or the request's own method and path when none fits.</param>
public sealed record ContractFinding(JournalEntry Request, string Operation, SchemaProblem Problem)
{
    /// <summary>Where, with array positions left out (<c>body.tags[]</c>), so one rule broken by many requests reads as one.</summary>
    public string Place => System.Text.RegularExpressions.Regex.Replace(Problem.Where, @"\[\d+\]", "[]");

    /// <summary>The request (as it was sent, its body cut short) and the rule.</summary>
    public override string ToString()
    {
        var body = Request.Body is null ? "" : " " + (Request.Body.Length <= 300 ? Request.Body : Request.Body[..300] + "…");
        return $"{Request.Service} #{Request.Sequence} {Request.Method} {Request.Path}{Request.Query} -> {Request.Status}{body}\n"
            + $"    {Operation}: {Problem.Where} {Problem.Rule}";
    }
}

/// <summary>Which description a service's requests are held to, under which path prefix, and which features the account has.</summary>
/// <param name="PathPrefix">What the emulator serves the API under (<c>/api/v3</c> for GitHub Enterprise); empty for none.</param>
public sealed record ServiceContract(string Service, ApiContract Contract, string PathPrefix = "")
{
    public IReadOnlySet<string> Features { get; init; } = new HashSet<string>();

    /// <summary>The service's GraphQL endpoint, when it has one: requests to it are held to its schema instead.</summary>
    public GraphQLContract? GraphQL { get; init; }
}

/// <summary>
/// Holds every recorded request to its vendor's description: HubSpot to its contract extract, GitHub to its OpenAPI
/// file (and its GraphQL requests to the published schema), Freshdesk to the facts recorded from its documentation. Every request counts, refused ones included: what
/// matters is what was sent, not what an emulator let through.
/// </summary>
public sealed class ContractChecker
{
    private readonly Dictionary<string, ServiceContract> _services;
    private readonly HashSet<string> _unchecked;

    /// <param name="notChecked">Services whose requests are knowingly not checked; a request to any other service without a contract is a finding.</param>
    public ContractChecker(IEnumerable<ServiceContract> services, IEnumerable<string> notChecked)
    {
        _services = services.ToDictionary(s => s.Service, StringComparer.Ordinal);
        _unchecked = new HashSet<string>(notChecked, StringComparer.Ordinal);
    }

    /// <summary>
    /// The sandbox's services: HubSpot, Freshdesk (an account with <paramref name="freshdeskFeatures"/>, none by default)
    /// and GitHub under <c>/api/v3</c>. Prometheus is not checked: its queries are held to PromQL by its emulator.
    /// </summary>
    public static ContractChecker ForSandbox(params string[] freshdeskFeatures) => new(
        [
            new("hubspot", HubSpotContract.Instance),
            new("freshdesk", FreshdeskFacts.Instance) { Features = new HashSet<string>(freshdeskFeatures, StringComparer.Ordinal) },
            new("github", OpenApiContract.Instance.Requests, "/api/v3") { GraphQL = GraphQLContract.Instance },
        ],
        ["prometheus"]);

    public IReadOnlyList<ContractFinding> Check(IEnumerable<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var findings = new List<ContractFinding>();
        foreach (var entry in entries)
        {
            if (_unchecked.Contains(entry.Service))
                continue;
            if (!_services.TryGetValue(entry.Service, out var service))
            {
                findings.Add(new(entry, $"{entry.Method} {entry.Path}", new("service", "service", $"{entry.Service} has no description to check against")));
                continue;
            }

            if (service.GraphQL is { } graphql && entry.Path == GraphQLContract.Path)
            {
                var (query, graphQLProblems) = graphql.Check(entry.Method, entry.Body);
                findings.AddRange(graphQLProblems.Select(p => new ContractFinding(entry, query, p)));
                continue;
            }

            var prefix = service.PathPrefix;
            if (!entry.Path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                findings.Add(new(entry, $"{entry.Method} {entry.Path}", new("path", "path", $"{entry.Path} is not under {prefix}/, where the API is served")));
                continue;
            }

            var (operation, problems) = service.Contract.Check(entry.Method, entry.Path[prefix.Length..], entry.Query, entry.Body, service.Features);
            findings.AddRange(problems.Select(p => new ContractFinding(entry, operation, p)));
        }

        return findings;
    }
}
