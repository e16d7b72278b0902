using System.Text.Json;
using System.Text.Json.Serialization;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Abstractions;
using Onboarding.Core.Apply;
using Onboarding.Core.Planning;
using Onboarding.Core.Services;
using Onboarding.Core.Validation;

namespace Onboarding.Cli.Commands;

/// <summary><c>onboarding apply</c>: reconcile the services with the manifests a merge changed, once each.</summary>
internal static class ApplyCommand
{
    public static async Task<int> RunAsync(
        CliContext context, bool sandbox, bool reset, string? eventPath, bool all, OutputFormat output, string? configPath, CancellationToken cancellationToken)
    {
        string? usage = null;
        var trigger = all ? ApplyTrigger.All : ReadTrigger(context, eventPath, out usage);
        if (trigger is null)
        {
            context.Error.WriteLine($"onboarding apply: {usage}");
            return ExitCodes.Usage;
        }

        if (trigger.Unreadable)
        {
            context.Error.WriteLine($"onboarding apply: {eventPath ?? context.Environment.Get("GITHUB_EVENT_PATH")}: {trigger.Ignored}; nothing was applied.");
            return ExitCodes.Usage;
        }

        if (trigger.Ignored is not null)
        {
            context.Out.WriteLine($"Nothing to apply: {trigger.Ignored}.");
            return ExitCodes.Success;
        }

        var (prepared, exit) = Preamble.Run(context, "apply", configPath, "Nothing was applied while {0} is invalid.");
        if (prepared is null)
            return exit;
        var (config, settings, validation, actions) = prepared;
        if (!sandbox && ServiceSession.RequireSecrets(context, "apply") is { Count: > 0 } missing)
        {
            foreach (var sentence in missing)
                context.Error.WriteLine($"onboarding apply: {sentence}");
            return ExitCodes.Failure;
        }

        return await ServiceFailures.GuardAsync(context, "apply", async () =>
        {
            var notes = new List<string> { $"Applying {trigger.Description}." };
            if (config.DefaultsNote is { } defaults)
                notes.Add(defaults);
            var inputs = await InputsAsync(context.Git, trigger, validation, notes, cancellationToken);
            await using var session = await ServiceSession.OpenAsync(context, sandbox, settings, cancellationToken, resetSandbox: reset);
            var connections = session.Connections!;

            notes.Insert(0, session.IsSandbox
                ? "Applied to the built-in sandbox (local emulators of HubSpot, Freshdesk and GitHub)."
                : "Applied to HubSpot, Freshdesk and the infrastructure repository.");
            var runner = new ApplyRunner(
                connections.CreateReader(wholeRepository: trigger.From is null),
                new PlanExecutor(connections.HubSpot, connections.Freshdesk, connections.InfrastructureIssues, settings),
                settings,
                context.Today);
            var report = await runner.RunAsync(inputs, notes, cancellationToken);

            if (output == OutputFormat.Json)
                context.Out.WriteLine(JsonSerializer.Serialize(report, ReportJson));
            else
                context.Out.Write(ApplyReportRenderer.Text(report));
            if (actions.IsActive)
                actions.AppendSummary(ApplyReportRenderer.Markdown(report));
            return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
        });
    }

    private static ApplyTrigger? ReadTrigger(CliContext context, string? eventPath, out string? usage)
    {
        usage = null;
        eventPath ??= context.Environment.Get("GITHUB_EVENT_PATH");
        if (string.IsNullOrEmpty(eventPath))
        {
            usage = "say what to apply: --event PATH (a GitHub push or pull_request event), or --all for every manifest.";
            return null;
        }

        if (!context.Files.FileExists(eventPath))
        {
            usage = $"{eventPath}: no such event file.";
            return null;
        }

        var (bytes, _) = context.Files.ReadHead(eventPath, 16 * 1024 * 1024);
        return ApplyTrigger.FromEvent(context.Environment.Get("GITHUB_EVENT_NAME") is { Length: > 0 } name ? name : null, bytes);
    }

    /// <summary>The manifests changed in the trigger's range (every manifest when it has no start).</summary>
    private static async Task<List<PlanInput>> InputsAsync(IGitRepository git, ApplyTrigger trigger, ValidationResult validation, List<string> notes, CancellationToken cancellationToken)
    {
        if (trigger.From is null)
            return [.. validation.Documents.Select(d => new PlanInput(d, null))];

        var changes = await git.ChangedFilesAsync(trigger.From, trigger.To!, ManifestSources.DefaultDirectory, cancellationToken);
        foreach (var removed in changes.Where(c => c.Kind == GitChangeKind.Deleted))
            notes.Add($"{removed.Path} was removed; nothing is deleted in the services because a file went away.");
        var changed = changes.Where(c => c.Kind != GitChangeKind.Deleted).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        return [.. validation.Documents.Where(d => changed.Contains(d.Path)).Select(d => new PlanInput(d, null))];
    }

    private static JsonSerializerOptions ReportJson { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
