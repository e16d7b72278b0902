using System.Globalization;
using System.Text;
using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Apply;
using Onboarding.Core.FirstValue;
using Onboarding.Services.Planning;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding first-value</c>: asks Prometheus how many non-staff people used each deployed hub in the last 14 days,
/// and records First Value on the community in HubSpot (and on the phase 3 issue) once.
/// </summary>
internal static class FirstValueCommand
{
    public sealed record Options(bool Sandbox, OutputFormat Output, string? ConfigPath)
    {
        /// <summary>With <c>Sandbox</c>: the file every request the emulators receive is written to (<c>--journal</c>).</summary>
        public string? Journal { get; init; }
    }

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        if (KillSwitch.Stops(context, "first-value", "no First Value was checked or recorded"))
            return ExitCodes.Failure;

        var (prepared, exit) = Preamble.Run(context, "first-value", options.ConfigPath, "No First Value check while {0} is invalid.");
        if (prepared is null)
            return exit;
        var (_, settings, validation, actions) = prepared;
        if (!options.Sandbox && settings.PrometheusUrl is null)
        {
            // A configuration without Prometheus is a supported setup, not an error: the check simply has nothing to ask.
            context.Out.WriteLine("No Prometheus is configured (prometheus_url), so the First Value check was skipped.");
            return ExitCodes.Success;
        }

        if (!ServiceSession.SecretsReady(context, "first-value", options.Sandbox, ServiceCredentials.WithoutFreshdesk))
            return ExitCodes.Failure;

        if (!options.Sandbox && ServiceSession.PrometheusLoginProblem(context, "first-value") is { } half)
        {
            context.Error.WriteLine($"onboarding first-value: {half}");
            return ExitCodes.Failure;
        }

        await using var session = await ServiceSession.OpenAsync(context, options.Sandbox, settings, cancellationToken, journal: options.Journal, credentials: ServiceCredentials.WithoutFreshdesk);
        var connections = session.Connections!;
        var communities = validation.Documents.Select(d => d.Community).ToList();
        var fitting = Budget.Fit(context, RunKind.FirstValue, "first-value run", settings, communities, c => c.Name, options.Output);
        var chosen = fitting?.Chosen ?? communities;
        var runner = new FirstValueRunner(connections.Prometheus!, connections.HubSpot, connections.InfrastructureIssues, settings)
        {
            Bulk = ObservedStateReader.ReadsInBulk(wholeRepository: true, chosen.Count),
        };
        var report = await runner.RunAsync(chosen, context.Clock.GetUtcNow(), cancellationToken);

        if (options.Output == OutputFormat.Json)
            context.Out.WriteLine(JsonSerializer.Serialize(Json(report), CliJson.Options));
        else
            context.Out.Write(Text(report));
        if (actions.IsActive)
            actions.AppendSummary(Markdown(report));
        return report.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
    }

    internal static string Text(FirstValueReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"First Value: distinct non-staff users of each deployed hub in the last {FirstValueCheck.Window.Days} days ({FirstValueCheck.Threshold} needed).");
        var rows = report.Rows.Select(r => new[] { r.Hub.Community, r.Hub.Hub, Users(r), State(r) }).ToList();
        if (rows.Count > 0)
        {
            string[] header = ["COMMUNITY", "HUB", "USERS", "FIRST VALUE"];
            var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
            foreach (var row in rows.Prepend(header))
                text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        foreach (var detail in report.Rows.Where(r => r.Detail is not null))
            text.AppendLine(CultureInfo.InvariantCulture, $"{detail.Hub.Community} ({detail.Hub.Hub}): {detail.Detail}");
        foreach (var note in report.Notes)
            text.AppendLine(note);
        return text.ToString();
    }

    internal static string Markdown(FirstValueReport report)
    {
        var text = new StringBuilder();
        text.AppendLine("## First Value").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Distinct non-staff users of each deployed hub in the last {FirstValueCheck.Window.Days} days ({FirstValueCheck.Threshold} needed).").AppendLine();
        if (report.Rows.Count > 0)
        {
            text.AppendLine("| Community | Hub | Users | First Value |").AppendLine("| --- | --- | ---: | --- |");
            foreach (var row in report.Rows)
                text.AppendLine(CultureInfo.InvariantCulture, $"| {GitHubActions.Cell(row.Hub.Community)} | {GitHubActions.Cell(row.Hub.Hub)} | {Users(row)} | {GitHubActions.Cell(State(row))} |");
            text.AppendLine();
        }

        foreach (var detail in report.Rows.Where(r => r.Detail is not null))
            text.AppendLine(CultureInfo.InvariantCulture, $"- {GitHubActions.Cell($"{detail.Hub.Community} ({detail.Hub.Hub}): {detail.Detail}")}");
        foreach (var note in report.Notes)
            text.AppendLine(CultureInfo.InvariantCulture, $"- {GitHubActions.Cell(note)}");
        return text.ToString();
    }

    private static string Users(FirstValueRow row) => row.Result?.DistinctUsers.ToString(CultureInfo.InvariantCulture) ?? "?";

    private static string State(FirstValueRow row)
    {
        if (row.Outcome == FirstValueOutcome.Skipped)
            return "not checked (no login for its Prometheus)";
        if (row.Outcome == FirstValueOutcome.Failed && row.Result is not { Reached: true })
            return "unknown (failed)";
        if (row.Result is not { Reached: true } result)
            return "not yet";
        var date = result.FirstValueDate!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var days = result.TimeToFirstValueDays is { } d ? $", {d.ToString(CultureInfo.InvariantCulture)} days after the request" : ", request date unknown";
        var what = row.Outcome switch
        {
            FirstValueOutcome.Recorded => "recorded now",
            FirstValueOutcome.AlreadyRecorded => "already recorded",
            FirstValueOutcome.ReachedByOtherHub => "another hub of the community reached it first",
            FirstValueOutcome.NotInHubSpot => "not recorded: community not in HubSpot",
            FirstValueOutcome.Failed => "not recorded: failed",
            _ => "not recorded",
        };
        return $"{date}{days} ({what})";
    }

    private static object Json(FirstValueReport report) => new
    {
        succeeded = report.Succeeded,
        hubs = report.Rows.Select(r => new
        {
            community = r.Hub.Community,
            hub = r.Hub.Hub,
            requested = r.Hub.Requested?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            distinctUsers = r.Result?.DistinctUsers,
            firstValueDate = r.Result?.FirstValueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            timeToFirstValueDays = r.Result?.TimeToFirstValueDays,
            outcome = r.Outcome,
            detail = r.Detail,
        }),
        notes = report.Notes,
    };
}
