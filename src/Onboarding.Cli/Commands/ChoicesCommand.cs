using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Resources;

namespace Onboarding.Cli.Commands;

/// <summary><c>onboarding choices SPEC... [--default]</c>: the resource allocation choices as the profile list's YAML.</summary>
internal static class ChoicesCommand
{
    /// <param name="Specs">Node type and number of choices each, e.g. r5.xlarge:4.</param>
    /// <param name="MarkDefault">Make the first (smallest) choice the default.</param>
    public sealed record Options(IReadOnlyList<string> Specs, bool MarkDefault);

    public static int Run(CliContext context, Options options)
    {
        var result = ResourceChoices.Generate(options.Specs, options.MarkDefault);
        if (result.IsValid)
        {
            context.Out.Write(ResourceChoices.ToYaml(result.Choices));
            return ExitCodes.Success;
        }

        foreach (var problem in result.Problems)
            context.Error.WriteLine($"onboarding choices: {problem.Message}");

        // A spec that cannot be read is a mistake on the command line; a well-formed one naming an unmeasured node
        // type is bad input, as validate treats it.
        return result.Problems.Any(p => p.Kind == SpecProblemKind.Malformed) ? ExitCodes.Usage : ExitCodes.Failure;
    }
}
