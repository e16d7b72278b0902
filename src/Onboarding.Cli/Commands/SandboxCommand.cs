using Onboarding.Cli.Infrastructure;
using Onboarding.Sandbox;
using Onboarding.Sandbox.Freshdesk;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding sandbox</c>: the three emulators on 127.0.0.1 until Ctrl-C, for trying the program by hand. What they
/// hold is kept in a state folder between runs, so a second run continues where the first stopped.
/// </summary>
internal static class SandboxCommand
{
    /// <param name="StateDirectory">Where the emulators keep what they hold between runs.</param>
    /// <param name="Reset">Delete the kept state first.</param>
    /// <param name="Journal">The file every request the emulators receive is written to, one JSON line each; null writes none.</param>
    public sealed record Options(int HubSpotPort, int FreshdeskPort, int GitHubPort, string StateDirectory, bool Reset, string? Journal = null)
    {
        /// <summary>The folder of issue templates put in place of the infrastructure repository's (<c>--turnup-templates</c>).</summary>
        public string? TurnupTemplates { get; init; }

        /// <summary>Start afresh as a new installation finds the services (<see cref="SandboxSeeds.Blank"/>); implies <see cref="Reset"/>.</summary>
        public bool Blank { get; init; }

        /// <summary>The Freshdesk plan whose limits the emulator enforces (<c>--freshdesk-plan</c>).</summary>
        public string FreshdeskPlan { get; init; } = "growth";

        /// <summary>The HubSpot portal's daily limit the emulator enforces (<c>--hubspot-daily-limit</c>).</summary>
        public int HubSpotDailyLimit { get; init; } = 250_000;
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (Ctrl-C): the normal way to stop, so it ends with 0.</summary>
    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        var stateDirectory = options.StateDirectory;
        if (string.IsNullOrWhiteSpace(stateDirectory))
        {
            context.Error.WriteLine("onboarding sandbox: --state needs a folder, such as .sandbox.");
            return ExitCodes.Usage;
        }

        if (!TurnupTemplates.TryFolder(context, "sandbox", options.TurnupTemplates, out var templateFolder))
            return ExitCodes.Usage;
        if (options.Reset || options.Blank)
            SandboxServer.ResetState(stateDirectory);
        SandboxServer server;
        try
        {
            var sandboxOptions = new SandboxOptions { HubSpotPort = options.HubSpotPort, FreshdeskPort = options.FreshdeskPort, GitHubPort = options.GitHubPort, StateDirectory = stateDirectory, Time = context.Clock,
                Freshdesk = new FreshdeskSeed { Plan = options.FreshdeskPlan },
                HubSpot = SandboxSeeds.HubSpot() with { DailyLimit = options.HubSpotDailyLimit },
            };
            server = await SandboxServer.StartAsync(options.Blank ? SandboxSeeds.Blank(sandboxOptions) : sandboxOptions, cancellationToken);
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"onboarding sandbox: could not listen on 127.0.0.1 ({e.Message}); choose other ports or 0 for any free port.");
            return ExitCodes.Failure;
        }

        // Disposing stops the emulators and then saves their state, so it is saved even when something below fails.
        await using (server)
        {
            if (templateFolder is not null)
                ServiceSession.PutTemplates(server, templateFolder);
            using var journal = options.Journal is null ? null : ServiceSession.OpenJournal(server, options.Journal);
            context.Out.WriteLine("Sandbox running on 127.0.0.1 (local emulators; nothing leaves this machine):");
            foreach (var endpoint in server.Endpoints)
            {
                context.Out.WriteLine(endpoint.PasswordVariable is null
                    ? $"  {endpoint.Service,-10} {endpoint.Address}  {endpoint.SecretVariable}={endpoint.Secret}"
                    : $"  {endpoint.Service,-10} {endpoint.Address}  {endpoint.SecretVariable}={endpoint.Secret} {endpoint.PasswordVariable}={endpoint.Password}");
            }
            context.Out.WriteLine(server.StateRestored
                ? $"State: continued from {stateDirectory} (run with --reset to start afresh)."
                : $"State: fresh; kept in {stateDirectory} when the sandbox stops.");
            if (templateFolder is not null)
                context.Out.WriteLine($"Turnup templates: the {templateFolder.Count} in {options.TurnupTemplates} are the infrastructure repository's .github/ISSUE_TEMPLATE/ (kept until --reset).");
            if (journal is not null)
                context.Out.WriteLine($"Journal: every request the emulators receive is written to {journal.Path}.");
            context.Out.WriteLine($"Limits: Freshdesk's {options.FreshdeskPlan} plan (--freshdesk-plan), HubSpot's 100 per 10 s, search 5 a second and {options.HubSpotDailyLimit:N0} a day (--hubspot-daily-limit).");
            context.Out.WriteLine("Press Ctrl-C to stop.");
            await context.Out.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: the normal way to stop.
            }
        }

        context.Out.WriteLine($"Sandbox stopped. Its state is saved in {stateDirectory}.");
        return ExitCodes.Success;
    }
}
