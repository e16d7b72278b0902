using System.Globalization;
using System.Text;
using Onboarding.Core.Manifests;
using Onboarding.Core.Text;

namespace Onboarding.Core.Authoring;

/// <summary>
/// What the person who filled in the new-community form reads: one comment on the issue (found again by its hidden
/// marker and updated in place), and the pull request's text. Every answer quoted back is made inert.
/// </summary>
public static class FormFeedback
{
    public const string Marker = "<!-- onboarding:from-issue -->";

    /// <summary>The branch of the pull request for an issue: keyed by the issue, so a renamed community keeps its pull request.</summary>
    public static string BranchFor(int issueNumber) => "onboarding/issue-" + issueNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>Validation problems of the written manifest, told against the form's questions.</summary>
    public static IReadOnlyList<AnswerProblem> FromValidation(IEnumerable<Problem> problems) =>
        [.. problems.Select(p => new AnswerProblem(NewCommunityForm.QuestionOf(p.Field), p.Message))];

    /// <summary>The comment when some answers must change before a pull request can be opened.</summary>
    public static string NeedsChanges(IReadOnlyList<AnswerProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder(Marker).Append('\n');
        text.Append("**Some answers need a change before this request can become a pull request.**\n\n");
        text.Append("Edit this issue (the ··· menu at its top, then *Edit*), change the answers below and save; this comment is updated each time.\n\n");
        Table(text, problems);
        return text.ToString();
    }

    /// <summary>The comment when the answers make a valid manifest.</summary>
    public static string Ready(string path, int issueNumber, IReadOnlyList<AnswerProblem> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        var text = new StringBuilder(Marker).Append('\n');
        text.Append(CultureInfo.InvariantCulture,
            $"**The answers make a valid manifest, `{Code(path)}`.** A pull request adding it is opened from the branch `{BranchFor(issueNumber)}`, and updated whenever this issue is edited; the partnerships team reviews and merges it.\n");
        if (warnings.Count > 0)
        {
            text.Append("\nWorth a look:\n\n");
            Table(text, warnings);
        }

        return text.ToString();
    }

    public static string PullRequestTitle(ManifestDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var longName = string.Join(' ', draft.LongName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (longName.Length > 100)
            longName = longName[..99] + "…";
        var shown = MarkdownText.Title(longName);
        return shown.Length == 0 ? $"Add community {draft.Name}" : $"Add community {draft.Name}: {shown}";
    }

    /// <remarks>Answers are made inert as everywhere, and their closing keywords broken: the body is the squash merge's
    /// commit message too, and only the program's own "Closes #n" may close an issue.</remarks>
    public static string PullRequestBody(ManifestDraft draft, string path, int issueNumber)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var number = issueNumber.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Adds `{Code(path)}`, written from the answers in #{number}. Closes #{number}.\n\n");
        text.Append("| | |\n| --- | --- |\n");
        text.Append(CultureInfo.InvariantCulture, $"| community | {Answer(draft.LongName)} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| representatives | {Answer(string.Join(", ", draft.Representatives.Select(p => p.Name)))} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| deals | {Answer(string.Join(", ", draft.Deals))} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| hubs | {Answer(string.Join(", ", draft.Hubs.Select(h => h.Domain)))} |\n\n");
        text.Append("This branch is written again from the issue whenever the issue is edited: change the answers there, not the file here ");
        text.Append("(or remove the `").Append(NewCommunityForm.IssueLabel).Append("` label from the issue first, then edit the file by hand).\n\n");
        text.Append("If no checks show below, they did not start because a workflow's own token opened this pull request: ");
        text.Append("close and reopen it (or push a commit) to run validation and the plan.\n");
        return text.ToString();
    }

    private static string Answer(string text) => MarkdownText.WithoutClosingKeywords(MarkdownText.Cell(text, emptyAsMark: true));

    private static void Table(StringBuilder text, IReadOnlyList<AnswerProblem> problems)
    {
        text.Append("| question | what to change |\n| --- | --- |\n");
        foreach (var problem in problems)
            text.Append(CultureInfo.InvariantCulture, $"| {MarkdownText.Cell(problem.Question)} | {MarkdownText.Cell(problem.Message)} |\n");
    }

    /// <summary>A path inside a code span: its characters are checked, never user text.</summary>
    private static string Code(string path) => path.Replace("`", "", StringComparison.Ordinal);
}
