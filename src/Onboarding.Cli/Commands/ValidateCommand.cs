using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Validation;

namespace Onboarding.Cli.Commands;

/// <summary><c>onboarding validate [PATH...]</c>: every problem in every manifest, located.</summary>
internal static class ValidateCommand
{
    public static int Run(CliContext context, IReadOnlyList<string> paths, OutputFormat output)
    {
        SchemaValidator.Preload();
        var (files, usageError) = ManifestSources.Collect(context, paths);
        if (usageError is not null)
        {
            context.Error.WriteLine($"onboarding validate: {usageError}");
            return ExitCodes.Usage;
        }

        var result = new ManifestValidator().Validate(files, context.Today);
        var actions = new GitHubActions(context);
        if (output == OutputFormat.Json)
        {
            context.Out.WriteLine(JsonSerializer.Serialize(ValidationJson.From(result), ValidationJson.Options));
        }
        else
        {
            foreach (var problem in result.Problems)
                context.Out.WriteLine(problem.ToString());
            context.Out.WriteLine(Summary(result));
        }

        if (actions.IsActive)
        {
            foreach (var problem in result.Problems)
                actions.Annotate(problem);
            actions.AppendSummary(StepSummary(result));
        }

        return result.IsValid ? ExitCodes.Success : ExitCodes.Failure;
    }

    internal static string Summary(ValidationResult result)
    {
        var files = result.FileCount == 1 ? "1 manifest" : $"{result.FileCount} manifests";
        if (result.Problems.Count == 0)
            return $"{files} checked: all valid.";
        return $"{files} checked: {Count(result.ErrorCount, "error")}, {Count(result.WarningCount, "warning")}.";
    }

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static string StepSummary(ValidationResult result)
    {
        var markdown = new StringBuilder();
        markdown.AppendLine("## Manifest validation").AppendLine();
        markdown.AppendLine(Summary(result)).AppendLine();
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

    private sealed record ValidationJson(int Files, bool Valid, int Errors, int Warnings, IReadOnlyList<ProblemJson> Problems)
    {
        public static JsonSerializerOptions Options { get; } = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };

        public static ValidationJson From(ValidationResult result) => new(
            result.FileCount,
            result.IsValid,
            result.ErrorCount,
            result.WarningCount,
            [.. result.Problems.Select(p => new ProblemJson(p.File, p.Location.Line, p.Location.Column, p.Severity, p.Field, p.Message))]);
    }

    private sealed record ProblemJson(string File, int Line, int Column, Severity Severity, string Field, string Message);
}
