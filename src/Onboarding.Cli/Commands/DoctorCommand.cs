using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Installation;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding doctor</c>: checks the configuration against the live services, read requests only: the secrets, the
/// Community object and its properties and labels, the pipelines, the helpdesk's mailbox, fields and plan, the
/// infrastructure repository's access, labels and templates, and the deployed hubs' Prometheus. Exit 0 when every
/// check passes, 1 when one fails.
/// </summary>
internal static class DoctorCommand
{
    /// <param name="Blank">With <c>Sandbox</c>: a sandbox that starts afresh starts as a new installation finds the services.</param>
    public sealed record Options(bool Sandbox, bool Blank, OutputFormat Output, string? ConfigPath)
    {
        /// <summary>With <c>Sandbox</c>: the file every request the emulators receive is written to (<c>--journal</c>).</summary>
        public string? Journal { get; init; }
    }

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        var (prepared, exit) = Preamble.Run(context, "doctor", options.ConfigPath, "No installation check while {0} is invalid.");
        if (prepared is null)
            return exit;
        var (_, settings, validation, actions) = prepared;
        await using var session = await ServiceSession.OpenAsync(context, options.Sandbox, settings, cancellationToken, journal: options.Journal, blank: options.Blank, withUnsetSecrets: true);
        var expected = InstallationCheck.Expectations(settings, validation.Documents);
        var checks = await InstallationCheck.RunAsync(context, session, expected, cancellationToken);
        var failed = checks.Count(c => !c.Passed);
        var plan = SetupPlan.From(checks);
        if (options.Output == OutputFormat.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new
            {
                passed = failed == 0,
                checks = checks.Select(c => new { service = c.Service, title = c.Title, passed = c.Passed, problem = c.Problem, setup = c.Fix is not null }),
            }, CliJson.Options));
        }
        else
        {
            InstallationCheck.WriteLines(context.Out, checks);
            context.Out.WriteLine(failed == 0
                ? $"All {checks.Count} checks passed."
                : $"{failed} of {checks.Count} checks failed." + (plan.Steps.Count == 0 ? "" : $" `onboarding setup` can create {plan.Steps.Count} of the missing pieces; the rest is done by hand, as each line says."));
        }

        if (actions.IsActive)
            actions.AppendSummary(failed == 0 ? $"## Doctor\n\nAll {checks.Count} checks passed.\n" : $"## Doctor\n\n{failed} of {checks.Count} checks failed:\n\n{string.Concat(checks.Where(c => !c.Passed).Select(c => $"- {GitHubActions.Cell(c.Title)}: {GitHubActions.Cell(c.Problem ?? "")}\n"))}");
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
