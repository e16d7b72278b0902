using Onboarding.Core.Manifests;
using Onboarding.Core.Text;

namespace Onboarding.Core.Authoring;

/// <summary>A problem with one answer of <c>onboarding new</c>, by the manifest field it feeds.</summary>
public sealed record AnswerFieldProblem(string Field, string Message);

/// <summary>
/// The answers <c>onboarding new</c> collects, from flags or prompts, as typed: people as <c>Name &lt;email&gt;</c>,
/// deals and organisations as pasted, hubs as <c>name=domain</c>. <see cref="ToDraft"/> turns them into a draft.
/// </summary>
public sealed record CommunityAnswers
{
    public string? Name { get; init; }

    public string? LongName { get; init; }

    public string? Website { get; init; }

    public string? GitHubOrganization { get; init; }

    public string? Logo { get; init; }

    public IReadOnlyList<string> Representatives { get; init; } = [];

    public IReadOnlyList<string> TechnicalContacts { get; init; } = [];

    public IReadOnlyList<string> Deals { get; init; } = [];

    public string? Configurator { get; init; }

    /// <summary>Each <c>name=domain</c> (or <c>name domain</c>).</summary>
    public IReadOnlyList<string> Hubs { get; init; } = [];

    /// <summary>The auth method (github, cilogon, cilogon-allowlist, shared-password, none), or null to leave it to the plan.</summary>
    public string? SignIn { get; init; }

    public IReadOnlyList<string> Admins { get; init; } = [];

    public IReadOnlyList<string> Institutions { get; init; } = [];

    public string? Provider { get; init; }

    public string? Region { get; init; }

    public string? Context { get; init; }

    public string? Notes { get; init; }

    public string? Transcript { get; init; }

    /// <summary>The day the hubs are requested.</summary>
    public DateOnly Requested { get; init; }

    public (ManifestDraft Draft, IReadOnlyList<AnswerFieldProblem> Problems) ToDraft()
    {
        var problems = new List<AnswerFieldProblem>();
        var organization = Pasted.GitHubOrganization(GitHubOrganization);
        var organizationName = organization is null ? null : Pasted.GitHubName(organization);
        var auth = HubDraft.AuthFor(Text(SignIn), organizationName, [.. Institutions.Select(Pasted.Domain)], [.. Admins.SelectMany(a => Pasted.Items(a))]);

        var hubs = new List<HubDraft>();
        for (var i = 0; i < Hubs.Count; i++)
        {
            var (name, domain, problem) = Pasted.Hub(Hubs[i]);
            if (problem is not null)
            {
                problems.Add(new AnswerFieldProblem($"hubs[{i}]", problem));
                continue;
            }

            hubs.Add(new HubDraft
            {
                Name = name!,
                Domain = domain!,
                Requested = HubDraft.Date(Requested),
                Auth = auth,
            });
        }

        var deals = new List<string>();
        for (var i = 0; i < Deals.Count; i++)
        {
            var (id, problem) = Pasted.Deal(Deals[i]);
            if (problem is not null)
                problems.Add(new AnswerFieldProblem($"deals[{i}]", problem));
            else if (!deals.Contains(id!))
                deals.Add(id!);
        }

        var draft = new ManifestDraft
        {
            Name = (Text(Name) ?? "").ToLowerInvariant(),
            LongName = Text(LongName) ?? "",
            Website = Pasted.WebAddress(Website),
            GitHubOrganization = organization,
            Logo = Pasted.WebAddress(Logo),
            Context = Markdown(Context),
            Representatives = People("representatives", Representatives, problems),
            TechnicalContacts = People("technical_contacts", TechnicalContacts, problems),
            Deals = deals,
            Configurator = Text(Configurator),
            Notes = Markdown(Notes),
            Transcript = Text(Transcript),
            Cloud = new CloudSettings(Text(Provider), Text(Region)),
            Hubs = hubs,
        };
        return (draft, problems);
    }

    private static List<Person> People(string field, IReadOnlyList<string> lines, List<AnswerFieldProblem> problems)
    {
        var people = new List<Person>();
        for (var i = 0; i < lines.Count; i++)
        {
            var (person, problem) = Pasted.Person(lines[i]);
            if (problem is not null)
                problems.Add(new AnswerFieldProblem($"{field}[{i}]", problem));
            else
                people.Add(person!);
        }

        return people;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Markdown(string? value)
    {
        var text = value?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n', ' ', '\t');
        return string.IsNullOrEmpty(text) ? null : text + "\n";
    }
}
