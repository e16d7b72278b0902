using System.Text;
using Onboarding.Core.Manifests;

namespace Onboarding.Cli.Infrastructure;

/// <summary>What the program writes for GitHub Actions: workflow-command annotations and the step summary.</summary>
internal sealed class GitHubActions(CliContext context)
{
    public bool IsActive => string.Equals(context.Environment.Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>::error file=…,line=…,col=…,title=…::message</c>, escaped as the runner expects.</summary>
    public void Annotate(Problem problem)
    {
        var level = problem.Severity == Severity.Error ? "error" : "warning";
        var title = problem.Field.Length == 0 ? "Manifest" : problem.Field;
        context.Out.WriteLine(
            $"::{level} file={Property(problem.File)},line={problem.Location.Line},col={problem.Location.Column},title={Property(title)}::{Data(problem.Message)}");
    }

    /// <summary>GitHub refuses a step summary over 1 MiB; we stay well under it.</summary>
    public const int MaxSummaryLength = 900_000;

    /// <summary>Appends Markdown to <c>$GITHUB_STEP_SUMMARY</c>, if the runner gave one, cut short if too long.</summary>
    public void AppendSummary(string markdown)
    {
        var path = context.Environment.Get("GITHUB_STEP_SUMMARY");
        if (string.IsNullOrEmpty(path))
            return;
        if (markdown.Length > MaxSummaryLength)
        {
            var cut = markdown.LastIndexOf('\n', MaxSummaryLength);
            markdown = markdown[..(cut > 0 ? cut : MaxSummaryLength)] +
                "\n\n_The rest is cut: GitHub shows at most 1 MiB of summary. Run the command locally, or with --output json, for all of it._\n";
        }

        context.Files.AppendAllText(path, markdown);
    }

    internal static string Data(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    internal static string Property(string value) =>
        Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>Text for a Markdown table cell: no pipe, newline or HTML can break out of it.</summary>
    internal static string Cell(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '|' => "\\|",
                '\r' or '\n' => " ",
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '`' => "\\`",
                '@' => "@\u200B",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }
}
