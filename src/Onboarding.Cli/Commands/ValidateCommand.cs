using System.Text;
using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Manifests;
using Onboarding.Core.Validation;

namespace Onboarding.Cli.Commands;

/// <summary><c>onboarding validate [PATH...]</c>: every problem in every manifest, located.</summary>
internal static class ValidateCommand
{
    /// <param name="Paths">Manifest files or directories; none means communities/.</param>
    public sealed record Options(IReadOnlyList<string> Paths, OutputFormat Output, string? ConfigPath);

    public static int Run(CliContext context, Options options)
    {
        // The two schemas (the manifests' and the configuration's) load on other threads while the manifests are read.
        SchemaValidator.Preload();
        var configLoad = Task.Run(() => ConfigFile.Load(context, options.ConfigPath));
        var (files, usageError) = ManifestSources.Collect(context, options.Paths);
        var config = configLoad.GetAwaiter().GetResult();
        usageError ??= config.UsageError;
        if (usageError is not null)
        {
            context.Error.WriteLine($"onboarding validate: {usageError}");
            return ExitCodes.Usage;
        }

        var manifests = new ManifestValidator().Validate(files, context.Today);
        // The configuration's problems come first: a wrong setting affects every community.
        var result = manifests with { Problems = [.. config.Problems, .. manifests.Problems] };
        var configChecked = config.Exists;
        var actions = new GitHubActions(context);
        if (options.Output == OutputFormat.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(ValidationJson.From(result, configChecked ? config.Path : null), CliJson.Options));
        }
        else
        {
            foreach (var problem in result.Problems)
                context.Out.WriteLine(problem.ToString());
            context.Out.WriteLine(Summary(result, configChecked));
        }

        if (actions.IsActive)
        {
            foreach (var problem in result.Problems)
                actions.Annotate(problem);
            actions.AppendSummary(StepSummary(result, configChecked));
        }

        return result.IsValid ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <param name="configurationChecked">Whether <c>onboarding.yaml</c> was checked too; it is counted in words.</param>
    internal static string Summary(ValidationResult result, bool configurationChecked = false)
    {
        var files = (result.FileCount == 1 ? "1 manifest" : $"{result.FileCount} manifests") + (configurationChecked ? " and the configuration" : "");
        if (result.Problems.Count == 0)
            return $"{files} checked: all valid.";
        return $"{files} checked: {Count(result.ErrorCount, "error")}, {Count(result.WarningCount, "warning")}.";
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static string StepSummary(ValidationResult result, bool configurationChecked)
    {
        var markdown = new StringBuilder();
        markdown.AppendLine("## Manifest validation").AppendLine();
        markdown.AppendLine(Summary(result, configurationChecked)).AppendLine();
        if (result.Problems.Count > 0)
        {
            markdown.AppendLine("| File | Line | Severity | Field | Problem |");
            markdown.AppendLine("| --- | ---: | --- | --- | --- |");
            foreach (var p in result.Problems)
            {
                markdown.AppendLine(
                    $"| {GitHubActions.Cell(p.File)} | {p.Location.Line} | {(p.Severity == Severity.Error ? "error" : "warning")} | {GitHubActions.Cell(p.Field)} | {GitHubActions.Cell(p.Message)} |");
            }

            markdown.AppendLine();
        }

        return markdown.ToString();
    }

    /// <param name="Configuration">The configuration file that was checked, or null when there was none.</param>
    private sealed record ValidationJson(int Files, string? Configuration, bool Valid, int Errors, int Warnings, IReadOnlyList<ProblemJson> Problems)
    {
        public static ValidationJson From(ValidationResult result, string? configuration) => new(
            result.FileCount,
            configuration,
            result.IsValid,
            result.ErrorCount,
            result.WarningCount,
            [.. result.Problems.Select(p => new ProblemJson(p.File, p.Location.Line, p.Location.Column, p.Severity, p.Field, p.Message))]);
    }

    private sealed record ProblemJson(string File, int Line, int Column, Severity Severity, string Field, string Message);
}
