using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Abstractions;
using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Validation;

namespace Onboarding.Cli.Commands;

/// <summary><c>onboarding plan</c>: what merging would change, read-only.</summary>
internal static class PlanCommand
{
    public static async Task<int> RunAsync(
        CliContext context, IGitRepository git, string? baseRef, bool sandbox, OutputFormat output, string? configPath, CancellationToken cancellationToken)
    {
        var (prepared, exit) = Preamble.Run(context, "plan", configPath, "No plan while {0} is invalid.");
        if (prepared is null)
            return exit;
        var (config, settings, validation, actions) = prepared;

        return await ServiceFailures.GuardAsync(context, "plan", async () =>
        {
            await using var session = await ServiceSession.OpenAsync(context, sandbox, settings, cancellationToken);
            var notes = new List<string> { session.Description };
            if (config.DefaultsNote is { } defaults)
                notes.Add(defaults);
            var inputs = await InputsAsync(context, git, baseRef, session.Connections is not null, validation, notes, cancellationToken);
            var plan = await PlanBuilder.BuildAsync(inputs, session.Connections?.CreateReader(), settings, notes, context.Today, validation.Documents.Count, cancellationToken);

            if (output == OutputFormat.Json)
                context.Out.WriteLine(JsonSerializer.Serialize(plan, CliJson.Options));
            else
                context.Out.Write(PlanRenderer.Text(plan));

            if (actions.IsActive)
                await PullRequestComment.PublishAsync(context, actions, PlanRenderer.Markdown(plan), cancellationToken);
            return ExitCodes.Success;
        });
    }

    /// <summary>
    /// With a base: the manifests changed since the merge base, each with its base version. Without: every manifest,
    /// as if none had been applied.
    /// </summary>
    private static async Task<List<PlanInput>> InputsAsync(
        CliContext context, IGitRepository git, string? baseRef, bool liveCheck, ValidationResult validation, List<string> notes, CancellationToken cancellationToken)
    {
        if (baseRef is null)
        {
            notes.Add("Every manifest in communities/ was planned (no --base given)" + (liveCheck ? "." : ", each as if nothing had been applied yet."));
            return [.. validation.Documents.Select(d => new PlanInput(d, null))];
        }

        var mergeBase = await git.MergeBaseAsync(baseRef, "HEAD", cancellationToken);
        var changes = await git.ChangedFilesAsync(mergeBase, "HEAD", ManifestSources.DefaultDirectory, cancellationToken);
        notes.Add($"Compared with {baseRef} (merge base {mergeBase[..Math.Min(12, mergeBase.Length)]}): {changes.Count} manifest file(s) changed" +
            (liveCheck ? "." : "; each is compared with its version there."));
        var inputs = new List<PlanInput>();
        foreach (var change in changes)
        {
            if (change.Kind == GitChangeKind.Deleted)
            {
                notes.Add($"{change.Path} was removed. Nothing is deleted in HubSpot, Freshdesk or GitHub because a file went away; remove records by hand if that is intended.");
                continue;
            }

            if (await ManifestSources.ChangedInputAsync(context, git, mergeBase, change, validation, cancellationToken) is { } input)
                inputs.Add(input);
        }

        return inputs;
    }
}
