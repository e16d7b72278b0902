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
        text.Append("Every field of the manifest, as the file has it (long text is shortened here; the file holds it whole):\n\n");
        text.Append("| field | value |\n| --- | --- |\n");
        foreach (var (field, value) in Fields(draft, path))
        {
            if (text.Length > MaxTableLength)
            {
                text.Append("| … | The table stops here, as the pull request's text has a size limit; the file holds the rest. |\n");
                break;
            }

            text.Append(CultureInfo.InvariantCulture, $"| `{Code(field)}` | {Answer(value)} |\n");
        }

        text.Append('\n');
        text.Append("Every edit of the issue adds a new commit to this branch, never rewriting one already reviewed, so an approval given before an edit no longer counts: ");
        text.Append("the review check asks for a new one, from someone other than the person who filed the issue.\n\n");
        text.Append("This branch follows the issue whenever the issue is edited: change the answers there, not the file here ");
        text.Append("(or remove the `").Append(NewCommunityForm.IssueLabel).Append("` label from the issue first, then edit the file by hand).\n\n");
        text.Append("If no checks show below, they did not start because a workflow's own token opened this pull request: ");
        text.Append("close and reopen it (or push a commit) to run validation and the plan.\n");
        return text.ToString();
    }

    /// <summary>The size the table may reach; GitHub takes at most 65,536 characters in a pull request's text.</summary>
    private const int MaxTableLength = 56_000;

    /// <summary>
    /// Every field of the manifest the draft is written as, read back from the written file: each value under its path
    /// (<c>hubs[0].auth.admins</c>), a list of plain values on one row. Read from the file, not the draft, so a field
    /// added to the manifest later shows here without a change.
    /// </summary>
    public static IReadOnlyList<(string Field, string Value)> Fields(ManifestDraft draft, string path)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var (root, _) = YamlReader.Read(new SourceFile(path, Encoding.UTF8.GetBytes(ManifestWriter.Write(draft))));
        var rows = new List<(string, string)>();
        if (root is not null)
            Flatten("", root, rows);
        return rows;
    }

    private static void Flatten(string at, YamlNode node, List<(string, string)> rows)
    {
        switch (node)
        {
            case YamlScalar scalar:
                rows.Add((at, scalar.IsNull ? "" : scalar.Value));
                break;
            case YamlSequence sequence when sequence.Items.All(i => i is YamlScalar):
                rows.Add((at, string.Join(", ", sequence.Items.Cast<YamlScalar>().Select(s => s.Value))));
                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                    Flatten(string.Create(CultureInfo.InvariantCulture, $"{at}[{i}]"), sequence.Items[i], rows);
                break;
            case YamlMapping mapping:
                foreach (var entry in mapping.Entries)
                    Flatten(at.Length == 0 ? entry.Key.Value : at + "." + entry.Key.Value, entry.Value, rows);
                break;
        }
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
