using Onboarding.Core.Configuration;
using Onboarding.Core.FirstValue;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Sandbox;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Sandbox.Infrastructure;
using Onboarding.Sandbox.Prometheus;
using Onboarding.Testing;
using Onboarding.Testing.Contracts;

namespace Onboarding.Cli.Tests;

/// <summary>
/// The end-to-end flows, with every request the emulators receive written to a journal file and held to the vendors'
/// descriptions (issue #12): HubSpot's contract extract, GitHub's OpenAPI file (and its GraphQL schema for the board,
/// issue #20), the Freshdesk facts. No emulator can
/// talk its way past this: a request an emulator accepts but the vendor would not is a finding all the same.
/// </summary>
public sealed class ContractTests
{
    private const string Alpha = "communities/alpha.yaml";

    /// <summary>Turnup issues go on the sandbox's board, so the flows send GitHub GraphQL too.</summary>
    private static readonly OnboardingSettings WithBoard = new()
    {
        GitHub = new GitHubSettings { Project = new BoardSettings("example-org", 1) { Column = "Refined", WaitingColumn = "Waiting", IterationField = "Iteration" } },
    };

    private static readonly string AlphaComplete = ManifestText.Valid(deal: HubSpotSeed.ContractAdminDealId);

    private static readonly string AlphaNoTech = ManifestText.WithoutTechnicalContact(AlphaComplete);

    private static readonly string AlphaNoTechNoAdmins = ManifestText.WithoutHubAdmins(AlphaNoTech);

    /// <summary>
    /// What today's clients are known to send against the descriptions. Each entry goes when its fix lands: the test
    /// fails on an entry that no longer matches anything, so the list only shrinks. Never widen the checker instead.
    /// </summary>
    private static readonly KnownFinding[] Known =
    [
    ];

    [Fact]
    public async Task Flows_EveryRequestTheyMake_MeetsTheVendorsDescriptions()
    {
        // Given a sandbox whose journal goes to a file
        var folder = Directory.CreateTempSubdirectory("onboarding-contract-");
        try
        {
            var path = Path.Combine(folder.FullName, "journal.jsonl");
            await using var harness = await ApplyHarness.StartAsync(new SandboxOptions(), WithBoard);
            using (harness.Sandbox.Journal.WriteTo(path))
            {
                // When every flow runs: first apply, re-run, a hub delivered, a contact removed and restored, a community
                // renamed, missing information asked for, changed and resolved, and First Value, twice
                await RunFlowsAsync(harness);
            }

            // Then the file holds every request, and each meets its vendor's description but for the known findings
            var entries = JournalFile.Read(path);
            entries.Count.ShouldBe(harness.Sandbox.Journal.Entries.Count);
            entries.Select(e => e.Service).Distinct().Order().ShouldBe(["freshdesk", "github", "hubspot", "prometheus"]);
            entries.Where(e => e.Path == GraphQLContract.Path).Select(e => e.Body).ShouldContain(b => b!.Contains("updateProjectV2ItemFieldValue", StringComparison.Ordinal));
            var findings = ContractChecker.ForSandbox().Check(entries);
            var unexpected = findings.Where(f => !Known.Any(k => k.Matches(f))).ToList();
            var fixedOnes = Known.Where(k => !findings.Any(k.Matches)).ToList();
            unexpected.Count.ShouldBe(0, Report(unexpected));
            fixedOnes.ShouldBeEmpty("No request breaks these any more; remove them from ContractTests.Known:\n" + string.Join("\n", fixedOnes));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void InstallationWalk_BlankSandbox_EveryRequestDoctorAndSetupMake_MeetsTheVendorsDescriptions()
    {
        // Given the examples and a sandbox that starts as a new installation finds the services, its journal to files
        using var repo = RepositoryFiles.ExamplesRepository();
        var journals = new[] { "doctor-before", "setup", "doctor-after" }.Select(n => Path.Combine(repo.Root, n + ".jsonl")).ToArray();

        // When doctor finds what is missing, setup makes it and doctor checks again
        CliRun.InRepository(repo, "doctor", "--sandbox", "--blank", "--journal", journals[0]).Exit.ShouldBe(1);
        var made = CliRun.InRepository(repo, "setup", "--sandbox", "--blank", "--yes", "--journal", journals[1]);
        made.Exit.ShouldBe(0, made.Error + made.Out);
        var after = CliRun.InRepository(repo, "doctor", "--sandbox", "--blank", "--journal", journals[2]);
        after.Exit.ShouldBe(0, after.Out);

        // Then every request they sent, the writes among them, meets its vendor's description but for the known findings
        var entries = journals.SelectMany(JournalFile.Read).ToList();
        foreach (var (method, path) in new[]
        {
            ("GET", "/crm/v3/properties/"), ("POST", "/crm/v3/properties/"), ("GET", "/crm/associations/v4/"), ("POST", "/crm/associations/v4/"),
            ("GET", "/api/v2/company_fields"), ("POST", "/api/v2/admin/company_fields"), ("GET", "/api/v3/repos/example-org/infrastructure"),
        })
        {
            entries.ShouldContain(e => e.Method == method && e.Path.StartsWith(path, StringComparison.Ordinal), $"{method} {path}");
        }

        var findings = ContractChecker.ForSandbox().Check(entries);
        var unexpected = findings.Where(f => !Known.Any(k => k.Matches(f))).ToList();
        unexpected.Count.ShouldBe(0, Report(unexpected));
    }

    private static async Task RunFlowsAsync(ApplyHarness harness)
    {
        var examples = RepositoryFiles.Examples().ToDictionary(e => e.Path, e => e.Text.ReplaceLineEndings("\n"), StringComparer.Ordinal);

        await ApplyAsync(harness, "first apply of the examples", examples);
        (await harness.ApplyAsync(Documents(examples))).ChangeCount.ShouldBe(0, "a re-run has nothing to do");

        examples["communities/heliolab.yaml"] = FirstValueWalkTests.DeployHeliolab(examples["communities/heliolab.yaml"]);
        await ApplyAsync(harness, "heliolab's prod hub delivered", examples);

        var withPriya = examples["communities/riverbend.yaml"];
        examples["communities/riverbend.yaml"] = Edit(withPriya, "  - name: Priya Raman\n    email: p.raman@riverbend.example.edu\n", "");
        await ApplyAsync(harness, "a representative removed", examples);
        examples["communities/riverbend.yaml"] = withPriya;
        await ApplyAsync(harness, "the representative restored", examples);

        examples["communities/tidepool.yaml"] = Edit(examples["communities/tidepool.yaml"], "long_name: Tidepool Coastal Observatory Consortium\n", "long_name: Tidepool Coastal and Estuary Observatory\n");
        await ApplyAsync(harness, "tidepool's long name changed", examples);

        foreach (var (step, text) in new[] { ("no technical contact", AlphaNoTech), ("more missing", AlphaNoTechNoAdmins), ("everything given", AlphaComplete) })
            await ApplyAsync(harness, $"alpha: {step}", new Dictionary<string, string> { [Alpha] = text });

        await FirstValueTwiceAsync(harness, Documents(examples));
    }

    /// <summary>heliolab's prod used by six people within the last day, then the check made twice (the second finds it recorded).</summary>
    private static async Task FirstValueTwiceAsync(ApplyHarness harness, IReadOnlyList<ManifestDocument> documents)
    {
        var now = harness.Clock.Now;
        harness.Sandbox.PrometheusEmulator.Store.Add(Enumerable.Range(1, 6).Select(i =>
            PrometheusSeed.UserPod("heliolab", "prod", $"user-{i}", now - TimeSpan.FromHours(i + 1), TimeSpan.FromMinutes(30))));
        for (var round = 1; round <= 2; round++)
        {
            using var connections = harness.Connect();
            var runner = new FirstValueRunner(connections.Prometheus!, connections.HubSpot, connections.InfrastructureIssues, harness.Settings);
            var report = await runner.RunAsync([.. documents.Select(d => d.Community)], now);
            report.Succeeded.ShouldBeTrue($"First Value, round {round}");
            var heliolab = report.Rows.Single(r => r.Hub.Community == "heliolab");
            (heliolab.Result?.DistinctUsers, heliolab.Outcome).ShouldBe((6, round == 1 ? FirstValueOutcome.Recorded : FirstValueOutcome.AlreadyRecorded), $"First Value, round {round}");
        }
    }

    private static async Task ApplyAsync(ApplyHarness harness, string step, IReadOnlyDictionary<string, string> files)
    {
        var report = await harness.ApplyAsync(Documents(files));
        report.Succeeded.ShouldBeTrue($"{step}: {string.Join("; ", report.Communities.Select(c => c.Error).OfType<string>())}");
        report.ChangeCount.ShouldBeGreaterThan(0, step);
    }

    private static List<ManifestDocument> Documents(IReadOnlyDictionary<string, string> files)
    {
        var documents = ApplyHarness.Documents([.. files.Select(f => (f.Key, f.Value))]);
        documents.Count.ShouldBe(files.Count, "every manifest is valid");
        return documents;
    }

    private static string Edit(string text, string from, string to)
    {
        text.ShouldContain(from);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>Each rule broken, how often, and the first request that broke it, as sent.</summary>
    private static string Report(List<ContractFinding> findings)
    {
        var groups = findings.GroupBy(f => (f.Request.Service, f.Operation, f.Place, f.Problem.Kind)).ToList();
        return $"{findings.Count} requests break their vendor's description in {groups.Count} ways that ContractTests.Known does not expect:\n\n"
            + string.Join("\n\n", groups.Select(g => $"[{g.Key.Service}] {g.Key.Operation}: {g.Key.Place} ({g.Key.Kind}), {g.Count()} times; first:\n  {g.First()}"));
    }

    /// <summary>A rule today's clients break, matched by service, operation, place (array positions left out) and kind.</summary>
    /// <param name="Fix">Which item of issue #12 removes it.</param>
    private sealed record KnownFinding(string Service, string Operation, string Place, string Kind, string Fix)
    {
        public bool Matches(ContractFinding finding) =>
            finding.Request.Service == Service && finding.Operation == Operation && finding.Place == Place && finding.Problem.Kind == Kind;
    }
}
