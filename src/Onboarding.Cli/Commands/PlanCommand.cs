using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Manifests;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Planning;
using Onboarding.Core.Validation;

namespace Onboarding.Cli.Commands;

/// <summary><c>onboarding plan</c>: what merging would change, read-only.</summary>
internal static class PlanCommand
{
    /// <param name="Base">The git ref whose changed manifests are planned; null plans every manifest.</param>
    public sealed record Options(string? Base, bool Sandbox, OutputFormat Output, string? ConfigPath)
    {
        /// <summary>With <c>Sandbox</c>: the file every request the emulators receive is written to (<c>--journal</c>).</summary>
        public string? Journal { get; init; }

        /// <summary>With <c>Sandbox</c>: the folder of issue templates put into the sandbox's repository (<c>--turnup-templates</c>).</summary>
        public string? TurnupTemplates { get; init; }

        /// <summary>The pull request of GITHUB_REPOSITORY to plan live with the read-only credentials (<c>--pull-request</c>).</summary>
        public int? PullRequest { get; init; }
    }

    private const string Stopped = "No plan while {0} is invalid.";

    /// <summary>The first note of an offline plan: what it could not know.</summary>
    internal const string OfflineSentence =
        "Offline plan, from git alone: no service was read, so deal stages, existing contacts and records, and which emails, tickets and issues really go out are not checked.";

    /// <summary>The first note of a live plan: which credentials read the services, and when.</summary>
    internal static string LiveSentence(DateTimeOffset at, bool readOnly) =>
        $"Live plan: read HubSpot, Freshdesk and GitHub{(readOnly ? " with the read-only credentials" : "")} at {at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC.";

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        if (options.PullRequest is { } number)
            return await PullRequestAsync(context, options, number, cancellationToken);
        var (prepared, exit) = Preamble.Run(context, "plan", options.ConfigPath, Stopped);
        if (prepared is null)
            return exit;
        var (config, settings, validation, actions) = prepared;

        if (!TurnupTemplates.TryFolder(context, "plan", options.TurnupTemplates, out var templateFolder))
            return ExitCodes.Usage;
        await using var session = await ServiceSession.OpenAsync(context, options.Sandbox, settings, cancellationToken, journal: options.Journal, turnupTemplates: templateFolder);
        var notes = new List<string>();
        if (!session.IsSandbox)
            notes.Add(session.Connections is null ? OfflineSentence : LiveSentence(context.Clock.GetUtcNow(), readOnly: false));
        notes.Add(session.Description);
        if (config.DefaultsNote is { } defaults)
            notes.Add(defaults);
        var inputs = await InputsAsync(context, options.Base, session.Connections is not null, validation, notes, cancellationToken);
        var templates = (await TurnupTemplates.LoadAsync(context, settings, session.Connections?.InfrastructureFiles, cancellationToken)).Templates;
        notes.Add(templates.Source);
        var plan = await PlanBuilder.BuildAsync(inputs, session.Connections?.CreateReader(), settings, templates, notes, context.Today, validation.Documents.Count, cancellationToken);
        await ReportAsync(context, options, actions, plan, session.Connections is null ? PlanKind.Offline : PlanKind.Live, null, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>Prints the plan, sets the step's outputs, and under Actions writes the summary and the pull request's comment.</summary>
    private static async Task ReportAsync(
        CliContext context, Options options, GitHubActions actions, Plan plan, PlanKind kind, PullRequestHead? pullRequest, CancellationToken cancellationToken)
    {
        new StepOutputs(context).Set(StepOutputs.Changes, plan.StepCount);

        if (options.Output == OutputFormat.Json)
            context.Out.WriteLine(JsonSerializer.Serialize(plan, CliJson.Options));
        else
            context.Out.Write(PlanRenderer.Text(plan));

        if (actions.IsActive)
            await PullRequestComment.PublishAsync(context, actions, PlanRenderer.Markdown(plan), kind, cancellationToken, pullRequest?.Number, pullRequest?.HeadSha);
    }

    /// <summary>
    /// <c>plan --pull-request N</c>: the live plan of a pull request. This checkout (the default branch) gives the
    /// program, schema, settings and the untouched manifests; the pull request's changed manifests come through GitHub's
    /// API as bytes and are validated as validate would; the services are read with the read-only credentials only.
    /// </summary>
    private static async Task<int> PullRequestAsync(CliContext context, Options options, int number, CancellationToken cancellationToken)
    {
        var (config, exit) = Preamble.Configure(context, "plan", options.ConfigPath, Stopped);
        if (config is null)
            return exit;
        if (!ServiceSession.SecretsReady(context, "plan --pull-request", sandbox: false, ServiceCredentials.ReadOnly))
            return ExitCodes.Failure;
        var token = Secrets.Value(context, Secrets.PullRequestToken);
        var repository = context.Environment.Get("GITHUB_REPOSITORY");
        if (token is null || string.IsNullOrEmpty(repository))
        {
            context.Error.WriteLine("onboarding plan: --pull-request needs GITHUB_REPOSITORY and GITHUB_TOKEN (with pull-requests: read and contents: read) to read the pull request's files.");
            return ExitCodes.Failure;
        }

        PullRequestManifests? pull;
        string? problem;
        using (var github = WorkflowGitHub.Client(context, repository, token))
            (pull, problem) = await PullRequestManifests.ReadAsync(github, number, config.Path, cancellationToken);
        if (pull is null)
        {
            context.Error.WriteLine($"onboarding plan: {problem}");
            return ExitCodes.Failure;
        }

        // The default branch may have no manifest yet when the pull request adds the first.
        var (checkout, usageError) = ManifestSources.Collect(context, []);
        if (usageError is not null && (pull.Changed.Count == 0 || context.Files.DirectoryExists(ManifestSources.DefaultDirectory) && context.Files.ListFiles(ManifestSources.DefaultDirectory).Count > 0))
        {
            context.Error.WriteLine($"onboarding plan: {usageError}");
            return ExitCodes.Usage;
        }

        var (prepared, invalid) = Preamble.Validate(context, config, pull.Over(checkout), pull.Refused, Stopped);
        if (prepared is null)
            return invalid;
        var (_, settings, validation, actions) = prepared;

        await using var session = await ServiceSession.OpenAsync(context, sandbox: false, settings, cancellationToken, credentials: ServiceCredentials.ReadOnly);
        var notes = new List<string> { LiveSentence(context.Clock.GetUtcNow(), readOnly: true) };
        notes.AddRange(pull.Notes(config.Path));
        if (config.DefaultsNote is { } defaults)
            notes.Add(defaults);
        notes.AddRange(new ChangedManifests([], pull.Removed, pull.FileCount).RemovalNotes);
        var inputs = pull.Changed
            .Select(c => new PlanInput(validation.Documents.First(d => d.Path == c.Path), Before(context, checkout, c.Path)))
            .ToList();
        var templates = (await TurnupTemplates.LoadAsync(context, settings, session.Connections!.InfrastructureFiles, cancellationToken)).Templates;
        notes.Add(templates.Source);
        var plan = await PlanBuilder.BuildAsync(inputs, session.Connections.CreateReader(), settings, templates, notes, context.Today, validation.Documents.Count, cancellationToken);
        await ReportAsync(context, options, actions, plan, PlanKind.Live, pull.Head, cancellationToken);
        return ExitCodes.Success;
    }

    /// <summary>The default branch's version of a changed manifest, when it has one and it is valid on its own.</summary>
    private static ManifestDocument? Before(CliContext context, IReadOnlyList<SourceFile> checkout, string path) =>
        checkout.FirstOrDefault(f => f.Path == path) is { } file
        && new ManifestValidator().Validate([file], context.Today).Documents is [var document, ..] ? document : null;

    /// <summary>
    /// With a base: the manifests changed since the merge base, each with its base version. Without: every manifest,
    /// as if none had been applied.
    /// </summary>
    private static async Task<IReadOnlyList<PlanInput>> InputsAsync(
        CliContext context, string? baseRef, bool liveCheck, ValidationResult validation, List<string> notes, CancellationToken cancellationToken)
    {
        if (baseRef is null)
        {
            notes.Add("Every manifest in communities/ was planned (no --base given)" + (liveCheck ? "." : ", each as if nothing had been applied yet."));
            return ManifestSources.Every(validation).Inputs;
        }

        var mergeBase = await context.Git.MergeBaseAsync(baseRef, "HEAD", cancellationToken);
        var changed = await ManifestSources.ChangedAsync(context, mergeBase, "HEAD", validation, cancellationToken);
        notes.Add($"Compared with {baseRef} (merge base {mergeBase[..Math.Min(12, mergeBase.Length)]}): {changed.FileCount} manifest file(s) changed" +
            (liveCheck ? "." : "; each is compared with its version there."));
        notes.AddRange(changed.RemovalNotes);
        return changed.Inputs;
    }
}
