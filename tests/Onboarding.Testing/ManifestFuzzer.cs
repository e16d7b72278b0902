using System.Text;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Core.Turnup;
using Onboarding.Core.Validation;

namespace Onboarding.Testing;

/// <summary>What one fuzzed input did.</summary>
/// <param name="Unlocated">Problems without a file, or with a line or column outside the file, or a message that reads like a crash.</param>
/// <param name="Escaped">An exception that got out of validation, planning or rendering; null when none did.</param>
public sealed record FuzzOutcome(
    int Index,
    int Seed,
    IReadOnlyList<string> Mutations,
    byte[] Input,
    bool Valid,
    int Problems,
    int WholeFileProblems,
    IReadOnlyList<Problem> Unlocated,
    Exception? Escaped)
{
    public bool Failed => Escaped is not null || Unlocated.Count > 0;
}

/// <summary>
/// Mutates valid manifests (<see cref="ManifestMutator"/>) and runs each through what <c>onboarding validate</c> does;
/// what validates is then planned offline (against its unmutated base, as a pull request would be) and rendered:
/// turnup issue bodies, the plan as text and Markdown, the hub-available email, the missing-information ticket and
/// the delivery note and comment. Nothing is written anywhere; the test and the fuzz benchmark share this.
/// </summary>
public sealed class ManifestFuzzer
{
    private readonly List<(string Path, byte[] Bytes, ManifestDocument Document)> _bases;
    private readonly ManifestValidator _validator = new();
    private readonly OnboardingSettings _settings = new();
    private readonly DateOnly _today;
    private readonly int _seed;

    /// <param name="bases">Valid manifests (path, text) to mutate; each must validate unmutated.</param>
    public ManifestFuzzer(IEnumerable<(string Path, string Text)> bases, int seed, DateOnly? today = null)
    {
        ArgumentNullException.ThrowIfNull(bases);
        _today = today ?? DateOnly.FromDateTime(FakeClock.TestDay.UtcDateTime);
        _seed = seed;
        var list = new List<(string, byte[], ManifestDocument)>();
        foreach (var (path, text) in bases)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var result = _validator.Validate([new SourceFile(path, bytes)], _today);
            if (!result.IsValid)
                throw new ArgumentException($"The base manifest {path} is not valid: {string.Join("; ", result.Problems)}", nameof(bases));
            list.Add((path, bytes, result.Documents[0]));
        }

        _bases = list;
    }

    /// <summary>The manifests of <see cref="ManifestText"/>: the valid one, a recently deployed hub (so an email is
    /// due), one without technical contacts (so a ticket asks for them), generated ones of both shapes; plus any others (the repository's examples) given.</summary>
    public static IReadOnlyList<(string Path, string Text)> DefaultBases(IEnumerable<(string Path, string Text)>? more = null)
    {
        var deployed = ManifestText.Valid("delta", "1004", "delta.hubs.example.org")
            .Replace("status: requested", "status: deployed\n    deployed: \"2026-11-20\"\n    url: https://delta.hubs.example.org", StringComparison.Ordinal);
        var noContacts = ManifestText.Valid("echo", "1005", "echo.hubs.example.org")
            .Replace("technical_contacts:\n  - name: Tech One\n    email: tech.one@echo.example.org\n", "", StringComparison.Ordinal);
        List<(string, string)> bases =
        [
            ("communities/alpha.yaml", ManifestText.Valid()),
            ("communities/delta.yaml", deployed),
            ("communities/echo.yaml", noContacts),
            ("communities/c000003.yaml", ManifestText.Generated(3)),
            ("communities/c000004.yaml", ManifestText.Generated(4)),
        ];
        bases.AddRange(more ?? []);
        return bases;
    }

    /// <summary>The example manifests of the repository at <paramref name="root"/> (path, text).</summary>
    public static IReadOnlyList<(string Path, string Text)> Examples(string root) =>
        [.. Directory.GetFiles(Path.Combine(root, "communities"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => ("communities/" + Path.GetFileName(f), File.ReadAllText(f)))];

    /// <summary>Input <paramref name="index"/> of this run: mutated from its own seed, so it reproduces alone.</summary>
    public FuzzOutcome Run(int index)
    {
        var inputSeed = ManifestMutator.SeedFor(_seed, index);
        var random = new Random(inputSeed);
        var (path, original, document) = _bases[random.Next(_bases.Count)];
        var (bytes, mutations) = new ManifestMutator(random).Mutate(original);
        try
        {
            var result = _validator.Validate([new SourceFile(path, bytes)], _today);
            var lines = YamlReader.LineCount(Encoding.UTF8.GetString(bytes));
            var unlocated = result.Problems.Where(p => !Located(p, path, lines)).ToList();
            if (result.IsValid)
                Render(result.Documents[0], document);
            return new FuzzOutcome(index, inputSeed, mutations, bytes, result.IsValid, result.Problems.Count,
                result.Problems.Count(p => p.Field.Length == 0), unlocated, null);
        }
#pragma warning disable CA1031 // Whatever escapes is the finding; it is reported with its seed, not rethrown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new FuzzOutcome(index, inputSeed, mutations, bytes, false, 0, 0, [], e);
        }
    }

    private static bool Located(Problem problem, string path, int lines) =>
        problem.File == path
        && problem.Location.Line >= 1 && problem.Location.Line <= Math.Max(1, lines)
        && problem.Location.Column >= 1
        && !string.IsNullOrWhiteSpace(problem.Message)
        && !problem.Message.Contains("Exception", StringComparison.Ordinal)
        && !problem.Message.Contains("   at ", StringComparison.Ordinal);

    /// <summary>Everything a valid manifest is turned into, offline; the texts are built (and so checked not to throw), then dropped.</summary>
    private void Render(ManifestDocument head, ManifestDocument before)
    {
        var size = 0;
        List<DealFact> allowed = [.. head.Community.Deals.Select(d => new DealFact(d, "Deal " + d, "Contract Admin", Exists: true, InAllowedStage: true))];
        var desired = DesiredStateBuilder.Build(head, allowed, dealsChecked: true, _settings, TurnupFixtures.Templates, _today);
        foreach (var issue in desired.Issues)
            size += issue.Body.Length + issue.Title.Length;
        foreach (var email in desired.Emails)
            size += email.HtmlBody.Length + email.Subject.Length;
        foreach (var delivery in desired.Deliveries)
            size += delivery.NoteBody.Length + delivery.CommentBody.Length;
        if (desired.MissingInformation is { } request)
            size += request.HtmlBody.Length;

        foreach (var input in new[] { new PlanInput(head, null), new PlanInput(head, before) })
        {
            var plan = PlanBuilder.BuildAsync([input], null, _settings, TurnupFixtures.Templates, ["fuzz"], _today).GetAwaiter().GetResult();
            size += PlanRenderer.Text(plan).Length + PlanRenderer.Markdown(plan).Length;
        }

        if (size == 0)
            throw new InvalidOperationException("A valid manifest rendered to nothing at all.");
    }
}
