using Onboarding.Cli.Infrastructure;
using Onboarding.Sandbox;

namespace Onboarding.Cli.Commands;

/// <summary>
/// <c>onboarding sandbox</c>: the three emulators on 127.0.0.1 until Ctrl-C, for trying the program by hand. What they
/// hold is kept in a state folder between runs, so a second run continues where the first stopped.
/// </summary>
internal static class SandboxCommand
{
    public static async Task<int> RunAsync(CliContext context, int hubSpotPort, int freshdeskPort, int gitHubPort, string stateDirectory, bool reset, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(stateDirectory))
        {
            context.Error.WriteLine("onboarding sandbox: --state needs a folder, such as .sandbox.");
            return ExitCodes.Usage;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, context.Stop);
        SandboxServer server;
        try
        {
            if (reset)
                SandboxServer.ResetState(stateDirectory);
            server = await SandboxServer.StartAsync(
                new SandboxOptions { HubSpotPort = hubSpotPort, FreshdeskPort = freshdeskPort, GitHubPort = gitHubPort, StateDirectory = stateDirectory, Time = context.Clock },
                stop.Token);
        }
        catch (SandboxStateException e)
        {
            context.Error.WriteLine($"onboarding sandbox: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"onboarding sandbox: could not listen on 127.0.0.1 ({e.Message}); choose other ports or 0 for any free port.");
            return ExitCodes.Failure;
        }

        try
        {
            // Disposing stops the emulators and then saves their state, so it is saved even when something below fails.
            await using (server)
            {
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
                context.Out.WriteLine("Press Ctrl-C to stop.");
                await context.Out.FlushAsync(CancellationToken.None);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C: the normal way to stop.
                }
            }
        }
        catch (SandboxStateException e)
        {
            context.Error.WriteLine($"onboarding sandbox: stopped, but {e.Message}");
            return ExitCodes.Failure;
        }

        context.Out.WriteLine($"Sandbox stopped. Its state is saved in {stateDirectory}.");
        return ExitCodes.Success;
    }
}
