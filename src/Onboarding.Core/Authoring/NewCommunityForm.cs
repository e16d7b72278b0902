using System.Globalization;
using System.Text;
using Onboarding.Core.Manifests;
using Onboarding.Core.Text;

namespace Onboarding.Core.Authoring;

/// <summary>One question of the new-community issue form: its id in the form's YAML and the label GitHub shows.</summary>
public sealed record FormQuestion(string Id, string Label);

/// <summary>A problem with one answer, in words for the person who filled in the form.</summary>
public sealed record AnswerProblem(string Question, string Message);

/// <summary>The draft the answers describe, and what could not be understood.</summary>
public sealed record FormConversion(ManifestDraft Draft, IReadOnlyList<AnswerProblem> Problems);

/// <summary>
/// The new-community issue form (<c>.github/ISSUE_TEMPLATE/new-community.yml</c>): its questions, and how a submitted
/// form becomes a <see cref="ManifestDraft"/>. A test keeps the labels here and in the form's YAML the same.
/// </summary>
public static class NewCommunityForm
{
    /// <summary>The label the form puts on its issues; the workflow acts only on issues that carry it.</summary>
    public const string IssueLabel = "new-community";

    public static readonly FormQuestion Name = new("name", "Short name");
    public static readonly FormQuestion LongName = new("long_name", "Full name");
    public static readonly FormQuestion Website = new("website", "Website");
    public static readonly FormQuestion GitHubOrganization = new("github_organization", "GitHub organisation");
    public static readonly FormQuestion Logo = new("logo", "Logo");
    public static readonly FormQuestion Representatives = new("representatives", "Community representatives");
    public static readonly FormQuestion TechnicalContacts = new("technical_contacts", "Technical contacts");
    public static readonly FormQuestion Deals = new("deals", "HubSpot deals");
    public static readonly FormQuestion Configurator = new("configurator", "Hub Configurator link");
    public static readonly FormQuestion Hubs = new("hubs", "Hubs");
    public static readonly FormQuestion SignIn = new("sign_in", "How will people sign in?");
    public static readonly FormQuestion Institutions = new("institutions", "Institutions (CILogon sign-in)");
    public static readonly FormQuestion Admins = new("admins", "Hub administrators");
    public static readonly FormQuestion Provider = new("provider", "Cloud provider");
    public static readonly FormQuestion Region = new("region", "Cloud region");
    public static readonly FormQuestion Extras = new("extras", "Extras");
    public static readonly FormQuestion Achieve = new("achieve", "What do you want to achieve by working with us?");
    public static readonly FormQuestion Users = new("users", "Who are your users?");
    public static readonly FormQuestion Mission = new("mission", "What are you trying to achieve, and how will the infrastructure help?");
    public static readonly FormQuestion Data = new("data", "Where is your data?");
    public static readonly FormQuestion Notes = new("notes", "Anything else");
    public static readonly FormQuestion Transcript = new("transcript", "Meeting transcript");

    /// <summary>Every question, in the form's order.</summary>
    public static IReadOnlyList<FormQuestion> Questions { get; } =
    [
        Name, LongName, Website, GitHubOrganization, Logo, Representatives, TechnicalContacts, Deals, Configurator, Hubs,
        SignIn, Institutions, Admins, Provider, Region, Extras, Achieve, Users, Mission, Data, Notes, Transcript,
    ];

    /// <summary>The four community-context questions, whose answers become the manifest's <c>context</c>.</summary>
    public static IReadOnlyList<FormQuestion> ContextQuestions { get; } = [Achieve, Users, Mission, Data];

    /// <summary>Dropdown choices of <see cref="SignIn"/> and the auth method each means (null: not decided).</summary>
    public static IReadOnlyList<(string Choice, string? Method)> SignInChoices { get; } =
    [
        ("GitHub: members of the GitHub organisation", "github"),
        ("CILogon: university or institutional accounts", "cilogon"),
        ("CILogon, only people on an allow-list", "cilogon-allowlist"),
        ("One shared password", "shared-password"),
        ("Not decided yet", null),
    ];

    /// <summary>Dropdown choices of <see cref="Provider"/> and the provider each means (null: not decided).</summary>
    public static IReadOnlyList<(string Choice, string? Provider)> ProviderChoices { get; } =
    [
        ("AWS", "aws"),
        ("Google Cloud", "gcp"),
        ("Azure", "azure"),
        ("Jetstream2", "jetstream2"),
        ("Not decided yet", null),
    ];

    public const string DaskChoice = "Dask, for parallel computing";
    public const string ScratchChoice = "A scratch bucket (files kept for a week)";
    public const string PersistentChoice = "A persistent bucket";

    /// <summary>The most entries a list answer is read for: as many as the longest list of a manifest may hold.</summary>
    public const int MaxListEntries = 50;

    /// <summary>The checkbox options of <see cref="Extras"/>.</summary>
    public static IReadOnlyList<string> ExtrasChoices { get; } = [DaskChoice, ScratchChoice, PersistentChoice];

    /// <summary>The draft a submitted form describes. Every hub is requested on <paramref name="requested"/>.</summary>
    /// <param name="issueNumber">Named in the manifest's comment line.</param>
    public static FormConversion Convert(string? body, DateOnly requested, int issueNumber)
    {
        var form = IssueFormBody.Parse(body, [.. Questions.Select(q => q.Label)]);
        var problems = new List<AnswerProblem>();

        var organization = Pasted.GitHubOrganization(form.Answer(GitHubOrganization.Label));
        var method = Choice(form, SignIn, SignInChoices, problems);
        var provider = Choice(form, Provider, ProviderChoices, problems);
        var extras = form.Ticked(Extras.Label);
        var admins = Pasted.Items(form.Answer(Admins.Label));
        var institutions = Pasted.Items(form.Answer(Institutions.Label)).Select(Pasted.Domain).ToList();
        var organizationName = organization is null ? null : Pasted.GitHubName(organization);

        var hubs = new List<HubDraft>();
        foreach (var line in Entries(form.Lines(Hubs.Label), Hubs, problems))
        {
            var (name, domain, problem) = Pasted.Hub(line);
            if (problem is not null)
            {
                problems.Add(new AnswerProblem(Hubs.Label, problem));
                continue;
            }

            hubs.Add(new HubDraft
            {
                Name = name!,
                Domain = domain!,
                Status = "requested",
                Requested = HubDraft.Date(requested),
                Auth = HubDraft.AuthFor(method, organizationName, institutions, admins),
                Dask = extras.Contains(DaskChoice) ? true : null,
                Buckets = extras.Contains(ScratchChoice) || extras.Contains(PersistentChoice)
                    ? new Buckets(extras.Contains(ScratchChoice) ? true : null, extras.Contains(PersistentChoice) ? true : null)
                    : null,
            });
        }

        if (hubs.Count == 0 && !problems.Any(p => p.Question == Hubs.Label))
            problems.Add(new AnswerProblem(Hubs.Label, "Name at least one hub, one per line as its name and domain, e.g. prod community.hubs.example.org"));

        var deals = new List<string>();
        foreach (var item in Entries(Pasted.Items(form.Answer(Deals.Label)), Deals, problems))
        {
            var (id, problem) = Pasted.Deal(item);
            if (problem is not null)
                problems.Add(new AnswerProblem(Deals.Label, problem));
            else if (!deals.Contains(id!))
                deals.Add(id!);
        }

        if (deals.Count == 0 && !problems.Any(p => p.Question == Deals.Label))
            problems.Add(new AnswerProblem(Deals.Label, "Paste the address of the community's deal in HubSpot (or its id)."));

        var draft = new ManifestDraft
        {
            Summary = $"Written from the new-community form in issue #{issueNumber.ToString(CultureInfo.InvariantCulture)}.",
            Name = OneLine(form.Answer(Name.Label)).ToLowerInvariant(),
            LongName = OneLine(form.Answer(LongName.Label)),
            Website = Pasted.WebAddress(form.Answer(Website.Label)),
            GitHubOrganization = organization,
            Logo = Pasted.WebAddress(form.Answer(Logo.Label)),
            Context = Context(form),
            Representatives = People(form, Representatives, problems),
            TechnicalContacts = People(form, TechnicalContacts, problems),
            Deals = deals,
            Configurator = Optional(form.Answer(Configurator.Label)),
            Notes = Markdown(form.Answer(Notes.Label)),
            Transcript = Optional(form.Answer(Transcript.Label)),
            Cloud = new CloudSettings(provider, Optional(form.Answer(Region.Label))),
            Hubs = hubs,
        };
        return new FormConversion(draft, problems);
    }

    /// <summary>
    /// The question a manifest field came from, with which line of the answer when it is a list, so a validation
    /// problem can be told in the form's words: <c>representatives[1].email</c> is "Community representatives (line 2)".
    /// </summary>
    public static string QuestionOf(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var top = field.Split('.', '[')[0];
        var index = IndexOf(field);
        var line = index is { } i ? $" (line {(i + 1).ToString(CultureInfo.InvariantCulture)})" : "";
        return top switch
        {
            "context" => "Community context (the four questions about the community)",
            "cloud" => field.Contains("region", StringComparison.Ordinal) ? Region.Label : Provider.Label,
            "hubs" when field.Contains(".auth.admins", StringComparison.Ordinal) => Admins.Label,
            "hubs" when field.Contains(".auth.institutions", StringComparison.Ordinal) => Institutions.Label,
            "hubs" when field.Contains(".auth.organizations", StringComparison.Ordinal) => GitHubOrganization.Label,
            "hubs" when field.Contains(".auth", StringComparison.Ordinal) => SignIn.Label,
            "hubs" when field.Contains(".dask", StringComparison.Ordinal) || field.Contains(".buckets", StringComparison.Ordinal) => Extras.Label,
            "hubs" when field.Contains(".requested", StringComparison.Ordinal) => "The issue's date",

            // A question whose id is the field's name asks for that field alone.
            _ => Questions.FirstOrDefault(q => q.Id == top) is { } question ? question.Label + line : "The request as a whole",
        };
    }

    private static int? IndexOf(string field)
    {
        var open = field.IndexOf('[', StringComparison.Ordinal);
        var close = field.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open && int.TryParse(field.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
    }

    private static string? Choice(IssueFormBody form, FormQuestion question, IReadOnlyList<(string Choice, string? Value)> choices, List<AnswerProblem> problems)
    {
        if (form.Answer(question.Label) is not { } answer)
            return null;
        foreach (var (choice, value) in choices)
        {
            if (string.Equals(answer.Trim(), choice, StringComparison.OrdinalIgnoreCase))
                return value;
        }

        problems.Add(new AnswerProblem(question.Label,
            $"\"{Pasted.Short(answer)}\" is not one of the choices: {string.Join("; ", choices.Select(c => c.Choice))}."));
        return null;
    }

    private static List<Person> People(IssueFormBody form, FormQuestion question, List<AnswerProblem> problems)
    {
        var people = new List<Person>();
        foreach (var line in Entries(form.Lines(question.Label), question, problems))
        {
            var (person, problem) = Pasted.Person(line);
            if (problem is not null)
                problems.Add(new AnswerProblem(question.Label, problem));
            else
                people.Add(person!);
        }

        if (question == Representatives && people.Count == 0 && !problems.Any(p => p.Question == question.Label))
            problems.Add(new AnswerProblem(question.Label, "Name at least one person who may authorise changes for the community, as Name <email>."));
        return people;
    }

    /// <summary>
    /// The entries of a list answer, or none and one problem when there are more than any list of a manifest takes:
    /// the person then reads one sentence, not one per line of a pasted document.
    /// </summary>
    private static IReadOnlyList<string> Entries(IReadOnlyList<string> entries, FormQuestion question, List<AnswerProblem> problems)
    {
        if (entries.Count <= MaxListEntries)
            return entries;
        problems.Add(new AnswerProblem(question.Label,
            $"This answer has {entries.Count.ToString("N0", CultureInfo.InvariantCulture)} entries; a request takes at most {MaxListEntries.ToString(CultureInfo.InvariantCulture)}, one per line."));
        return [];
    }

    /// <summary>The answers to the context questions as Markdown, each under its question as a heading.</summary>
    private static string? Context(IssueFormBody form)
    {
        var text = new StringBuilder();
        foreach (var question in ContextQuestions)
        {
            if (Markdown(form.Answer(question.Label)) is not { } answer)
                continue;
            if (text.Length > 0)
                text.Append('\n');
            text.Append("## ").Append(question.Label).Append('\n').Append(answer);
        }

        return text.Length == 0 ? null : text.ToString();
    }

    private static string? Markdown(string? answer)
    {
        // Trailing spaces would make the manifest's Markdown block a quoted string; the hard break they mean is lost.
        var lines = answer?.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        var text = lines is null ? null : string.Join('\n', lines).Trim('\n', ' ', '\t');
        return string.IsNullOrEmpty(text) ? null : text + "\n";
    }

    private static string OneLine(string? answer) => string.Join(' ', (answer ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())).Trim();

    private static string? Optional(string? answer) => OneLine(answer) is { Length: > 0 } line ? line : null;
}
