using Onboarding.Cli.Infrastructure;

namespace Onboarding.Cli.Commands;

/// <summary>
/// The kill switch for an incident: while the environment variable <see cref="Variable"/> (in GitHub, the repository
/// variable of that name) holds a reason, the commands that write to the services stop before they touch any of them.
/// </summary>
internal static class KillSwitch
{
    public const string Variable = "ONBOARDING_PAUSED";

    /// <summary>True, after writing the sentence, when onboarding is paused; <paramref name="nothingDone"/> ends it ("nothing was applied").</summary>
    public static bool Stops(CliContext context, string command, string nothingDone)
    {
        if (context.Environment.Get(Variable) is not { } reason || string.IsNullOrWhiteSpace(reason))
            return false;
        context.Error.WriteLine(
            $"onboarding {command}: onboarding is paused ({Secrets.Redact(context, reason.Trim())}), so {nothingDone} and no service was asked. " +
            $"Clear the repository variable {Variable} (or unset it here) to resume.");
        return true;
    }
}
