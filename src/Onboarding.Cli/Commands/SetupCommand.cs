using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Installation;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding setup</c>: what doctor finds missing and the APIs can make (Community properties, association labels,
/// company fields, repository labels), shown, and created only with <c>--yes</c>. Never changes or deletes what
/// exists, so running it twice changes nothing the second time; what it cannot make, it says how to make by hand.
/// </summary>
internal static class SetupCommand
{
    /// <param name="Yes">Create what the plan lists; without it nothing is written.</param>
    public sealed record Options(bool Sandbox, bool Blank, bool Yes, OutputFormat Output, string? ConfigPath)
    {
        public string? Journal { get; init; }
    }

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        var (prepared, exit) = Preamble.Run(context, "setup", options.ConfigPath, "No setup while {0} is invalid.");
        if (prepared is null)
            return exit;
        var (_, settings, validation, _) = prepared;
        await using var session = await ServiceSession.OpenAsync(context, options.Sandbox, settings, cancellationToken, journal: options.Journal, blank: options.Blank, withUnsetSecrets: true);
        var expected = InstallationCheck.Expectations(settings, validation.Documents);
        var plan = SetupPlan.From(await InstallationCheck.RunAsync(context, session, expected, cancellationToken));
        IReadOnlyList<SetupOutcome> outcomes = [];
        if (options.Yes && plan.Steps.Count > 0)
        {
            var connections = session.Connections!;
            outcomes = await new SetupRunner(connections.Portal, connections.FreshdeskAccount, connections.InfrastructureRepository).RunAsync(plan, cancellationToken);
        }

        var failed = outcomes.Count(o => !o.Done);
        if (options.Output == OutputFormat.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(new
            {
                created = options.Yes,
                steps = plan.Steps.Select(s => new
                {
                    service = s.Service,
                    description = s.Description,
                    done = outcomes.FirstOrDefault(o => o.Step == s)?.Done,
                    note = outcomes.FirstOrDefault(o => o.Step == s)?.Note,
                }),
                byHand = plan.ByHand.Select(c => new { service = c.Service, title = c.Title, problem = c.Problem }),
            }, CliJson.Options));
        }
        else
        {
            Write(context.Out, options.Yes, plan, outcomes);
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static void Write(TextWriter output, bool yes, SetupPlan plan, IReadOnlyList<SetupOutcome> outcomes)
    {
        if (plan.Steps.Count == 0)
        {
            output.WriteLine("Nothing to create: everything setup can make is there.");
        }
        else if (!yes)
        {
            output.WriteLine("Would create:");
            foreach (var step in plan.Steps)
                output.WriteLine($"  + {step.Service}: {step.Description}");
            output.WriteLine($"Nothing was created. Run again with --yes to create these {plan.Steps.Count}; nothing that exists is changed.");
        }
        else
        {
            foreach (var outcome in outcomes)
            {
                output.WriteLine(outcome.Done
                    ? $"  ✓ {outcome.Step.Service}: {outcome.Step.Description}{(outcome.Note is null ? "" : " " + outcome.Note)}"
                    : $"  ✗ {outcome.Step.Service}: {outcome.Step.Description} {outcome.Note}");
            }

            var done = outcomes.Count(o => o.Done);
            output.WriteLine(done == outcomes.Count ? $"Created {done}." : $"Created {done} of {outcomes.Count}; the others failed, as said above.");
        }

        if (plan.ByHand.Count > 0)
        {
            output.WriteLine("To do by hand (setup cannot make these):");
            foreach (var check in plan.ByHand)
                output.WriteLine($"  ✗ {check.Service}: {check.Title}: {check.Problem}");
        }
    }
}
