using Onboarding.Core.FirstValue;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Core.Turnup;
using Onboarding.Sandbox;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>The README's walk (scripts/walkthrough.sh), through the command line against the kept sandbox.</summary>
public sealed class FirstValueWalkTests
{
    private const string HeliolabRequested = """
            status: requested
            requested: "2026-11-10"

        """;

    private const string HeliolabDeployed = """
            status: deployed
            requested: "2026-11-10"
            deployed: "2026-11-24"
            url: https://heliolab.hubs.example.org

        """;

    [Fact]
    public async Task Walk_RequestToFirstValueThenEverythingAgain_EveryNotificationGoesOutOnce()
    {
        // Given the example communities in a repository, applied to a fresh sandbox
        using var repo = RepositoryFiles.ExamplesRepository();
        var first = CliRun.InRepository(repo, "apply", "--sandbox", "--reset", "--all");
        first.Exit.ShouldBe(0, first.Error);

        // When heliolab's prod hub is marked deployed, applied, used by 6 people (and the service check), and checked,
        // and then all of it happens once more
        repo.Write("communities/heliolab.yaml", DeployHeliolab(File.ReadAllText(Path.Combine(repo.Root, "communities/heliolab.yaml"))));
        var runs = new List<(string Step, (int Exit, string Out, string Error) Result)>();
        for (var round = 1; round <= 2; round++)
        {
            runs.Add(($"apply {round}", CliRun.InRepository(repo, "apply", "--sandbox", "--all")));
            runs.Add(($"usage {round}", CliRun.InRepository(repo, "sandbox", "usage", "--community", "heliolab", "--hub", "prod", "--users", "6", "--staff", "deployment-service-check")));
            runs.Add(($"first-value {round}", CliRun.InRepository(repo, "first-value", "--sandbox")));
        }

        // Then every command succeeded; the first round sent and recorded, the second had nothing to do
        foreach (var (step, result) in runs)
            result.Exit.ShouldBe(0, $"{step}: {result.Error}{result.Out}");
        var output = runs.ToDictionary(r => r.Step, r => r.Result.Out);
        output["apply 1"].ShouldContain("+ freshdesk send email hub-available email for prod to t.nowak@heliolab.example.edu");
        output["apply 1"].ShouldContain("+ hubspot add note delivery note for prod on heliolab and its deals");
        output["apply 1"].ShouldContain("+ github add note delivery comment for BD on #4");
        output["first-value 1"].ShouldContain("heliolab   prod  6      2026-11-24, 14 days after the request (recorded now)");
        output["first-value 1"].ShouldContain("riverbend  prod  0      not yet");
        output["apply 2"].ShouldContain("Nothing left to do: 3 communities are up to date.");
        output["first-value 2"].ShouldContain("heliolab   prod  6      2026-11-24, 14 days after the request (already recorded)");

        // And the services hold each notification exactly once
        await using var sandbox = await ApplyHarness.StartAsync(new SandboxOptions { StateDirectory = Path.Combine(repo.Root, ".sandbox") });
        using var connections = sandbox.Connect();
        var emails = await connections.Freshdesk.ListTicketsAsync(FreshdeskTicketScope.Requester("t.nowak@heliolab.example.edu"));
        emails.Where(t => t.Tags.Contains(HelpdeskTags.HubReady("heliolab", "prod"))).ShouldHaveSingleItem();
        var tickets = new List<FreshdeskTicket>();
        foreach (var email in ExampleEmails())
            tickets.AddRange(await connections.Freshdesk.ListTicketsAsync(FreshdeskTicketScope.Requester(email)));
        tickets.SelectMany(t => t.Tags).ShouldBeUnique();

        var names = sandbox.Settings.HubSpot.Properties;
        var community = (await connections.HubSpot.FindCommunityAsync("heliolab", [names.FirstValueDate, names.TimeToFirstValueDays, names.FirstValueHub])).ShouldNotBeNull();
        (community[names.FirstValueDate], community[names.TimeToFirstValueDays], community[names.FirstValueHub]).ShouldBe(("2026-11-24", "14", "prod"));
        const string delivered = "<!-- onboarding:delivered community=heliolab hub=prod -->";
        // HubSpot drops the HTML comment from a note; the note carries the marker's text visibly instead
        (await connections.HubSpot.ReadCommunityNotesAsync(community.Id)).Count(n => n["hs_note_body"]!.Contains(delivered[5..^4], StringComparison.Ordinal)).ShouldBe(1);

        var phase3 = await ApplyHarness.TurnupIssueAsync(connections.InfrastructureIssues, "heliolab", TurnupPhase.HubSetup, "prod");
        var comments = await connections.InfrastructureIssues.ListCommentsAsync(phase3.Number);
        comments.Count(c => c.Body.Contains(delivered, StringComparison.Ordinal)).ShouldBe(1);
        comments.Count(c => c.Body.StartsWith(FirstValueRunner.CommentMarker("heliolab", "prod"), StringComparison.Ordinal)).ShouldBe(1);
        comments.Count.ShouldBe(2);
    }

    [Fact]
    public void FirstValue_TwoCommunitiesWithAProdHub_CountsEachOnItsOwnPrometheus()
    {
        // Given heliolab's and riverbend's prod hubs both deployed, each used by different people
        using var repo = new TempGitRepository();
        foreach (var (path, text) in RepositoryFiles.Examples())
            repo.Write(path, path.EndsWith("heliolab.yaml", StringComparison.Ordinal) ? DeployHeliolab(text) : text);
        repo.Commit("examples, heliolab deployed");
        CliRun.InRepository(repo, "apply", "--sandbox", "--reset", "--all").Exit.ShouldBe(0);
        CliRun.InRepository(repo, "sandbox", "usage", "--community", "heliolab", "--hub", "prod", "--users", "2").Exit.ShouldBe(0);
        CliRun.InRepository(repo, "sandbox", "usage", "--community", "riverbend", "--hub", "prod", "--users", "4").Exit.ShouldBe(0);

        // When
        var (exit, output, error) = CliRun.InRepository(repo, "first-value", "--sandbox");

        // Then each community's prod counts its own users (one namespace would have given 4 to both: user-1 to user-4)
        exit.ShouldBe(0, error);
        output.ShouldContain("heliolab   prod  2      not yet");
        output.ShouldContain("riverbend  prod  4      not yet");
    }

    [Theory]
    [InlineData("nowhere", "prod", "onboarding sandbox usage: there is no community 'nowhere' in communities/ (there are: heliolab, riverbend, tidepool).")]
    [InlineData("tidepool", "dev", "onboarding sandbox usage: tidepool has no hub 'dev' in communities/tidepool.yaml (its hubs: staging, prod).")]
    public void SandboxUsage_UnknownCommunityOrHub_SaysWhichAndWhatThereIs(string community, string hub, string sentence)
    {
        // Given
        using var repo = new TempGitRepository();
        foreach (var (path, text) in RepositoryFiles.Examples())
            repo.Write(path, text);

        // When
        var (exit, output, error) = CliRun.InRepository(repo, "sandbox", "usage", "--community", community, "--hub", hub, "--users", "6");

        // Then nothing was written
        exit.ShouldBe(2);
        error.ShouldBe(sentence + Environment.NewLine);
        output.ShouldBeEmpty();
        Directory.Exists(Path.Combine(repo.Root, ".sandbox")).ShouldBeFalse();
    }

    [Fact]
    public void SandboxUsage_RequestedHub_AddsTheUsageAndSaysFirstValueWaitsForTheDeployment()
    {
        // Given
        using var repo = new TempGitRepository();
        foreach (var (path, text) in RepositoryFiles.Examples())
            repo.Write(path, text);

        // When
        var (exit, output, _) = CliRun.InRepository(repo, "sandbox", "usage", "--community", "tidepool", "--hub", "prod", "--users", "3", "--staff", "ana-ps");

        // Then
        exit.ShouldBe(0);
        output.ShouldContain("Added server sessions of 3 users (user-1 to user-3) and ana-ps as staff on tidepool (prod)");
        output.ShouldContain("tidepool (prod) is requested in its manifest; first-value counts only deployed hubs.");
        File.ReadAllText(Path.Combine(repo.Root, ".sandbox", "prometheus.json")).ShouldContain("jupyter-user-3");
    }

    [Theory]
    [InlineData("--staff", "ana-ps", "ben-ops")]
    [InlineData("--staff", "ana-ps", "--staff", "ben-ops")]
    public void SandboxUsage_SeveralStaff_EachAddedAsStaff(params string[] staff)
    {
        // Given
        using var repo = new TempGitRepository();
        foreach (var (path, text) in RepositoryFiles.Examples())
            repo.Write(path, text);

        // When the staff follow one flag, or each has its own
        var (exit, output, error) = CliRun.InRepository(repo, ["sandbox", "usage", "--community", "tidepool", "--hub", "prod", "--users", "2", .. staff]);

        // Then
        exit.ShouldBe(0, error);
        output.ShouldContain("Added server sessions of 2 users (user-1 to user-2) and ana-ps, ben-ops as staff on tidepool (prod)");
        var series = File.ReadAllText(Path.Combine(repo.Root, ".sandbox", "prometheus.json"));
        series.ShouldContain("jupyter-ana-ps");
        series.ShouldContain("jupyter-ben-ops");
    }

    internal static string DeployHeliolab(string text)
    {
        var normalized = text.ReplaceLineEndings("\n");
        normalized.ShouldContain(HeliolabRequested);
        return normalized.Replace(HeliolabRequested, HeliolabDeployed, StringComparison.Ordinal);
    }

    private static List<string> ExampleEmails() =>
    [
        .. ApplyHarness.Examples().SelectMany(d => d.Community.Representatives.Concat(d.Community.TechnicalContacts)).Select(p => p.Email.ToLowerInvariant()).Distinct(StringComparer.Ordinal),
    ];
}
