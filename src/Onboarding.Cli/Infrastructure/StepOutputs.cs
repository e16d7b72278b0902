using System.Globalization;

namespace Onboarding.Cli.Infrastructure;

/// <summary>
/// Step outputs for the workflow, appended to <c>$GITHUB_OUTPUT</c> when the runner gives one. Every value is written
/// in the delimited form, with a delimiter the value cannot contain, so no text (a title with a line break) can
/// set another output.
/// </summary>
internal sealed class StepOutputs(CliContext context)
{
    /// <summary>plan: the changes merging would make; apply: the changes made (action.yml passes it on).</summary>
    public const string Changes = "changes";

    public void Set(string name, int value) => Set(name, value.ToString(CultureInfo.InvariantCulture));

    public void Set(string name, string value)
    {
        var path = context.Environment.Get("GITHUB_OUTPUT");
        if (string.IsNullOrEmpty(path))
            return;
        var delimiter = "onboarding_" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        while (value.Contains(delimiter, StringComparison.Ordinal))
            delimiter = "onboarding_" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        context.Files.AppendAllText(path, $"{name}<<{delimiter}\n{value}\n{delimiter}\n");
    }
}
