using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Abstractions;
using Onboarding.Core.Services;
using Onboarding.Sandbox;

namespace Onboarding.Cli.Commands;

/// <summary>The failures plan and apply share, each turned into one sentence and an exit code.</summary>
internal static class ServiceFailures
{
    public static async Task<int> GuardAsync(CliContext context, string command, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (GitException e)
        {
            context.Error.WriteLine($"onboarding {command}: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            context.Error.WriteLine($"onboarding {command}: stopped before it finished. Run it again: what is already done is found by its key, never done twice.");
            return ExitCodes.Failure;
        }
        catch (SandboxStateException e)
        {
            context.Error.WriteLine($"onboarding {command}: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (ServiceException e)
        {
            // The clients never put a credential in a message; redacting anyway costs nothing.
            context.Error.WriteLine($"onboarding {command}: {Secrets.Redact(context, e.Message)}");
            return ExitCodes.Failure;
        }
    }
}
