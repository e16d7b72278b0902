using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Apply;
using Onboarding.Core.Drift;
using Onboarding.Core.Turnup;
using Onboarding.Sandbox;
using Onboarding.Services;
using Onboarding.Services.Planning;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding drift</c>: what HubSpot and Freshdesk hold that the manifests do not say, read-only against both. Under
/// GitHub Actions the list also goes to the step summary and to one issue of this repository, kept up to date.
/// </summary>
internal static class DriftCommand
{
    /// <summary>Drift was found and <c>--fail-on-drift</c> was given.</summary>
    public const int DriftFound = 3;

    /// <param name="FailOnDrift">Exit with <see cref="DriftFound"/> when there is drift.</param>
    public sealed record Options(bool Sandbox, bool FailOnDrift, OutputFormat Output, string? ConfigPath)
    {
        /// <summary>With <c>Sandbox</c>: the file every request the emulators receive is written to (<c>--journal</c>).</summary>
        public string? Journal { get; init; }

        /// <summary>With <c>Sandbox</c>: the folder of issue templates put into the sandbox's repository (<c>--turnup-templates</c>).</summary>
        public string? TurnupTemplates { get; init; }
    }

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        var (prepared, exit) = Preamble.Run(context, "drift", options.ConfigPath, "No drift check while {0} is invalid.");
        if (prepared is null)
            return exit;
        var (config, settings, validation, actions) = prepared;
        if (!ServiceSession.SecretsReady(context, "drift", options.Sandbox, ServiceCredentials.ReadOnly))
            return ExitCodes.Failure;

        if (!TurnupTemplates.TryFolder(context, "drift", options.TurnupTemplates, out var templateFolder))
            return ExitCodes.Usage;
        await using var session = await ServiceSession.OpenAsync(context, options.Sandbox, settings, cancellationToken, journal: options.Journal, turnupTemplates: templateFolder, credentials: ServiceCredentials.ReadOnly);
        var connections = session.Connections!;
        var notes = new List<string> { options.Sandbox ? "Read the built-in sandbox; nothing was written to HubSpot or Freshdesk." : "Read HubSpot and Freshdesk (read requests only); nothing was written to either." };
        if (config.DefaultsNote is { } defaults)
            notes.Add(defaults);
        var load = await TurnupTemplates.LoadAsync(context, settings, connections.InfrastructureFiles, cancellationToken);
        // Apply's refresh of the copy stays in a workflow's checkout; the daily drift run is where a stale copy gets noticed.
        if (load.Origin == TurnupTemplateOrigin.Repository && !options.Sandbox
            && TurnupTemplateSource.CopyChanges(load.RepositoryFiles, TurnupTemplates.ReadCopy(context, settings.Turnup.Templates)) is var changes
            && changes.Any(c => c.Change != TemplateCopyChange.Unchanged))
            notes.Add(TurnupTemplateSource.CopySentence(settings.Turnup.Templates.Copy, changes, written: false));
        var fitting = Budget.Fit(context, RunKind.Drift, "drift", settings, validation.Documents, d => d.Community.Name, options.Output);
        if (fitting is { } fit)
            notes.Add(fit.Sentence);
        var covered = fitting?.Chosen.Count ?? validation.Documents.Count;
        var runner = new DriftRunner(connections.CreateReader(board: false, bulk: ObservedStateReader.ReadsInBulk(wholeRepository: true, covered)), connections.HubSpot, settings, load.Templates);
        var report = await runner.RunAsync(validation.Documents, ManifestSources.DefaultDirectory, notes, fitting?.Chosen, cancellationToken);

        // The sandbox's GitHub holds only its own repositories, whatever the environment names.
        var repository = options.Sandbox ? SandboxSeeds.ManifestRepository : context.Environment.Get("GITHUB_REPOSITORY");
        var token = options.Sandbox ? null : context.Environment.Get(ServiceAccess.GitHubTokenVariable);
        var markdown = DriftRenderer.Markdown(report, FileLink(context, repository));
        DriftIssueOutcome? outcome = null;
        string? issueNote;
        if (string.IsNullOrEmpty(repository) || (!options.Sandbox && string.IsNullOrEmpty(token)))
        {
            issueNote = "The drift issue was not kept: GITHUB_REPOSITORY and GITHUB_TOKEN (with issues: write) are needed for it.";
        }
        else
        {
            using var issues = connections.RepositoryIssues(repository, token);
            outcome = await DriftIssue.SyncAsync(issues, report, markdown, context.Today, cancellationToken);
            issueNote = IssueSentence(outcome, repository);
        }

        if (options.Output == OutputFormat.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new
            {
                drift = report.HasDrift,
                communitiesChecked = report.CommunitiesChecked,
                differences = report.Items,
                issue = outcome is null ? null : new { action = outcome.Action, number = outcome.Issue?.Number, url = outcome.Issue?.HtmlUrl },
                notes = report.Notes.Append(issueNote),
            }, CliJson.Options));
        }
        else
        {
            context.Out.Write(DriftRenderer.Text(report));
            context.Out.WriteLine(issueNote);
        }

        if (actions.IsActive)
            actions.AppendSummary($"## Drift\n\n{markdown}\n- {GitHubActions.Cell(issueNote)}\n");
        return report.HasDrift && options.FailOnDrift ? DriftFound : ExitCodes.Success;
    }

    private static string IssueSentence(DriftIssueOutcome outcome, string repository)
    {
        var issue = outcome.Issue is { } i ? $"#{i.Number} in {repository}" : $"in {repository}";
        return outcome.Action switch
        {
            DriftIssueAction.Opened => $"Opened the drift issue {issue}.",
            DriftIssueAction.Updated => $"Updated the drift issue {issue}.",
            DriftIssueAction.Unchanged => $"The drift issue {issue} already lists these differences.",
            DriftIssueAction.Reopened => $"Reopened the drift issue {issue}: drift is back.",
            DriftIssueAction.Closed => $"Closed the drift issue {issue}: no drift any more.",
            _ => $"No drift issue is open {issue}.",
        };
    }

    /// <summary>Links to the manifest line on GitHub, at the commit the workflow checked out, when running under Actions.</summary>
    private static Func<string, int, string?>? FileLink(CliContext context, string? repository)
    {
        var server = context.Environment.Get("GITHUB_SERVER_URL");
        var sha = context.Environment.Get("GITHUB_SHA");
        if (string.IsNullOrEmpty(server) || string.IsNullOrEmpty(sha) || string.IsNullOrEmpty(repository))
            return null;
        return (file, line) => $"{server.TrimEnd('/')}/{repository}/blob/{sha}/{file}#L{line}";
    }
}
