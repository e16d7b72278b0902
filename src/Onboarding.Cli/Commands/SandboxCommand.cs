using Onboarding.Cli.Infrastructure;
using Onboarding.Sandbox;

namespace Onboarding.Cli.Commands;

/// <summary><c>onboarding sandbox</c>: the three emulators on 127.0.0.1 until Ctrl-C, for trying the program by hand.</summary>
internal static class SandboxCommand
{
    public static async Task<int> RunAsync(CliContext context, int hubSpotPort, int freshdeskPort, int gitHubPort, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, context.Stop);
        SandboxServer server;
        try
        {
            server = await SandboxServer.StartAsync(
                new SandboxOptions { HubSpotPort = hubSpotPort, FreshdeskPort = freshdeskPort, GitHubPort = gitHubPort },
                stop.Token);
        }
        catch (IOException e)
        {
            context.Error.WriteLine($"onboarding sandbox: could not listen on 127.0.0.1 ({e.Message}); choose other ports or 0 for any free port.");
            return ExitCodes.Failure;
        }

        await using (server)
        {
            context.Out.WriteLine("Sandbox running on 127.0.0.1 (local emulators; nothing leaves this machine):");
            foreach (var endpoint in server.Endpoints)
                context.Out.WriteLine($"  {endpoint.Service,-10} {endpoint.BaseAddress}  {endpoint.SecretVariable}={endpoint.Secret}");
            context.Out.WriteLine("Press Ctrl-C to stop.");
            await context.Out.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                context.Out.WriteLine("Sandbox stopped.");
            }
        }

        return ExitCodes.Success;
    }
}
