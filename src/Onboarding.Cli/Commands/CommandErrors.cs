using System.CommandLine;
using System.CommandLine.Parsing;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Services;
using Onboarding.Sandbox;

namespace Onboarding.Cli.Commands;

/// <summary>
/// The one place a command's failure becomes what the user sees: one sentence on the error stream after the command's
/// name, and the exit code the README gives for it. Never a stack trace; secrets are redacted.
/// </summary>
internal static class CommandErrors
{
    /// <summary>After Ctrl-C, SIGTERM or a cancelled workflow: every command may run again without doing anything twice.</summary>
    public const string Stopped = "stopped before it finished. Run it again: what is already done is found by its key, never done twice.";

    /// <summary>The command line itself is wrong: each parse error, then where the usage is explained.</summary>
    public static int Usage(CliContext context, ParseResult parsed)
    {
        var command = Name(parsed);
        foreach (var error in parsed.Errors)
            context.Error.WriteLine($"{command}: {error.Message}");
        context.Error.WriteLine($"Run '{command} --help' for usage.");
        return ExitCodes.Usage;
    }

    /// <summary>What <paramref name="exception"/>, thrown out of the command <paramref name="parsed"/> chose, means to the user.</summary>
    public static int Report(CliContext context, ParseResult parsed, Exception exception)
    {
        var (sentence, exit) = exception switch
        {
            // git cannot find what the command line named (an unknown --base): the usage is wrong, not the work.
            GitException => (exception.Message, ExitCodes.Usage),
            OperationCanceledException => (Stopped, ExitCodes.Failure),
            ServiceException or SandboxStateException or IOException or UnauthorizedAccessException => (exception.Message, ExitCodes.Failure),
            _ => ($"an internal error stopped the command ({exception.GetType().Name}: {exception.Message}). Please report it with the command you ran.",
                ExitCodes.Failure),
        };

        // The clients never put a credential in a message; redacting anyway costs nothing.
        context.Error.WriteLine($"{Name(parsed)}: {Secrets.Redact(context, sentence)}");
        return exit;
    }

    /// <summary>
    /// The words that name the command, such as "onboarding sandbox usage". Not the root command's own name: that is
    /// the executable's, which differs under a test host.
    /// </summary>
    private static string Name(ParseResult parsed)
    {
        var names = new Stack<string>();
        for (SymbolResult? result = parsed.CommandResult; result is CommandResult { Command: not RootCommand } command; result = command.Parent)
            names.Push(command.Command.Name);
        return string.Join(' ', names.Prepend("onboarding"));
    }
}
