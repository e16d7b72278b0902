using System.Text;
using Onboarding.Core.Apply;
using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;
using Onboarding.Core.Validation;
using Onboarding.Sandbox;
using Onboarding.Services;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// The sandbox with clients on it, both on one fake clock: runs apply as the command does, and reads back what the
/// services hold.
/// </summary>
internal sealed class ApplyHarness : IAsyncDisposable
{
    private readonly bool _ownsClock;

    private ApplyHarness(SandboxServer sandbox, OnboardingSettings settings, FakeClock clock, bool ownsClock)
    {
        Sandbox = sandbox;
        Settings = settings;
        Clock = clock;
        _ownsClock = ownsClock;
    }

    public SandboxServer Sandbox { get; }

    public OnboardingSettings Settings { get; }

    /// <summary>The clock of the sandbox and of every client the harness makes; give it to a <see cref="CliRun"/> on this sandbox.</summary>
    public FakeClock Clock { get; }

    public static Task<ApplyHarness> StartAsync() => StartAsync(new SandboxOptions());

    /// <summary>
    /// A harness on a sandbox started with <paramref name="options"/> (e.g. a state folder a later command continues
    /// from), with <paramref name="settings"/> (the defaults, no project, when null), on <paramref name="clock"/> or a
    /// clock of its own.
    /// </summary>
    public static async Task<ApplyHarness> StartAsync(SandboxOptions options, OnboardingSettings? settings = null, FakeClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var own = clock is null;
        clock ??= FakeClock.Start();
        return new(await SandboxServer.StartAsync(options with { Time = clock.EmulatorTime }), settings ?? new OnboardingSettings(), clock, own);
    }

    /// <summary>The GitHub token the clients use; the sandbox's first (full access) by default.</summary>
    public string? GitHubToken { get; set; }

    public ServiceConnections Connect(int maxRetries = 5) =>
        new(GitHubToken is { } token ? Access(Sandbox) with { GitHubToken = token } : Access(Sandbox), Settings, Clock.Time, maxRetries);

    public static ServiceAccess Access(SandboxServer sandbox) => SandboxAccess.Of(sandbox);

    /// <summary>The turnup issues of <paramref name="community"/>, with what their markers say.</summary>
    public static async Task<List<(IssueRef Issue, IssueMarker Marker)>> TurnupIssuesAsync(IGitHubIssues issues, string community)
    {
        var found = await issues.ListIssuesByLabelAsync("new-hub");
        return [.. found.Select(i => (Issue: i, Marker: TurnupMarker.Parse(i.Body)))
            .Where(i => i.Marker is { } m && m.Community == community)
            .Select(i => (i.Issue, i.Marker!))];
    }

    /// <summary>The one issue of <paramref name="phase"/> whose hubs include <paramref name="hub"/> of <paramref name="community"/>, found by its marker.</summary>
    public static async Task<IssueRef> TurnupIssueAsync(IGitHubIssues issues, string community, TurnupPhase phase, string hub) =>
        (await TurnupIssuesAsync(issues, community)).Where(i => i.Marker.Phase == phase && i.Marker.Hubs.Contains(hub)).ShouldHaveSingleItem().Issue;

    /// <summary>One apply run over <paramref name="documents"/>, with fresh clients (as a fresh process would have).</summary>
    /// <param name="wholeRepository">Read the turnup issues once for the run, as <c>apply --all</c> does.</param>
    /// <param name="bulk">Read each service once and plan every community from that snapshot, as <c>apply --all</c> over many communities does.</param>
    public async Task<ApplyReport> ApplyAsync(IReadOnlyList<ManifestDocument> documents, int maxRetries = 5, bool wholeRepository = false, bool bulk = false, CancellationToken cancellationToken = default)
    {
        using var connections = Connect(maxRetries);
        var runner = new ApplyRunner(
            connections.CreateReader(wholeRepository, bulk: bulk),
            new PlanExecutor(connections.HubSpot, connections.Freshdesk, connections.InfrastructureIssues, Settings, connections.Projects),
            Settings,
            TurnupFixtures.Templates,
            new DateOnly(2026, 11, 24));
        return await runner.RunAsync([.. documents.Select(d => new PlanInput(d, null))], [], cancellationToken: cancellationToken);
    }

    /// <summary>
    /// One apply run over <paramref name="documents"/>, cancelled (as by Ctrl-C) right after the sandbox records its
    /// <paramref name="write"/>th state change. True when the cancel stopped the run; a cancel after the last write may
    /// come too late to stop anything.
    /// </summary>
    public async Task<bool> ApplyCancelledAfterWriteAsync(IReadOnlyList<ManifestDocument> documents, int write)
    {
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        void CountWrite(Onboarding.Sandbox.Infrastructure.JournalEntry entry)
        {
            if (entry.ChangedState && Interlocked.Increment(ref seen) == write)
                cancel.Cancel();
        }

        Sandbox.Journal.Recorded += CountWrite;
        try
        {
            await ApplyAsync(documents, cancellationToken: cancel.Token);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
        finally
        {
            Sandbox.Journal.Recorded -= CountWrite;
        }
    }

    /// <summary>
    /// What the services hold, one sorted line per fact: every issue by marker (a duplicate shows as a second line),
    /// every community with its labelled contacts and deals, every Freshdesk company and contact, every ticket by tag.
    /// </summary>
    public async Task<string> SnapshotAsync(IReadOnlyList<ManifestDocument> documents)
    {
        using var connections = Connect();
        var lines = new List<string>();
        foreach (var issue in await connections.InfrastructureIssues.ListIssuesByLabelAsync(Settings.GitHub.TurnupLabels[0]))
            lines.Add($"issue {issue.Body.Split('\n')[0]} {issue.State} {issue.Title}");
        foreach (var document in documents)
        {
            var community = document.Community;
            var record = await connections.HubSpot.FindCommunityAsync(community.Name, ["name", "long_name"]);
            if (record is null)
                continue;
            lines.Add($"hubspot community {community.Name} {record["long_name"]}");
            var emails = community.Representatives.Concat(community.TechnicalContacts).Select(p => p.Email.ToLowerInvariant()).Distinct().ToList();
            var contacts = await connections.HubSpot.FindContactsByEmailAsync(emails, ["email"]);
            var emailOf = contacts.ToDictionary(c => c.Id, c => c["email"]);
            foreach (var association in await connections.HubSpot.ReadCommunityContactsAsync(record.Id))
            {
                foreach (var type in association.Types.Where(t => t.Label is not null))
                    lines.Add($"hubspot {community.Name} {emailOf.GetValueOrDefault(association.ToObjectId, association.ToObjectId)} {type.Label}");
            }

            foreach (var deal in await connections.HubSpot.ReadCommunityDealIdsAsync(record.Id))
                lines.Add($"hubspot {community.Name} deal {deal}");
            if (await connections.Freshdesk.FindCompanyByNameAsync(community.Name) is { } company)
                lines.Add($"freshdesk company {company.Name}");
            foreach (var email in emails)
            {
                if (await connections.Freshdesk.FindContactByEmailAsync(email) is { } contact)
                    lines.Add($"freshdesk contact {email} company={(contact.CompanyId is null ? "none" : "set")}");
            }
        }

        return string.Join('\n', lines.Order(StringComparer.Ordinal));
    }

    public static List<ManifestDocument> Examples()
    {
        return Documents([.. RepositoryFiles.Examples()]);
    }

    public static List<ManifestDocument> Documents(params (string Path, string Text)[] files) =>
        [.. new ManifestValidator().Validate([.. files.Select(f => new SourceFile(f.Path, Encoding.UTF8.GetBytes(f.Text)))], new DateOnly(2026, 11, 24)).Documents];

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        if (_ownsClock)
            await Clock.DisposeAsync();
    }
}
