namespace Onboarding.Core.Text;

/// <summary>
/// The answers of a submitted GitHub issue form. GitHub writes the body as one <c>### Label</c> heading per question,
/// in the form's order, each followed by the answer or <c>_No response_</c>.
/// </summary>
/// <remarks>
/// Answers are free text, so one may itself contain a line such as <c>### Hubs</c>. Headings are therefore matched
/// from the end, each the last one above the next question's: text typed into an answer can then only move within the
/// person's own answers, never past the form's last question, and every answer is validated afterwards anyway.
/// </remarks>
public sealed class IssueFormBody
{
    public const string NoResponse = "_No response_";

    private readonly Dictionary<string, string> _answers;

    private IssueFormBody(Dictionary<string, string> answers)
    {
        _answers = answers;
    }

    /// <summary>Splits <paramref name="body"/> by the headings of <paramref name="labels"/> (in the form's order).</summary>
    public static IssueFormBody Parse(string? body, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var lines = (body ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var end = lines.Length;
        for (var q = labels.Count - 1; q >= 0; q--)
        {
            var heading = "### " + labels[q];
            var at = -1;
            for (var i = end - 1; i >= 0; i--)
            {
                if (lines[i].TrimEnd() == heading)
                {
                    at = i;
                    break;
                }
            }

            if (at < 0)
                continue;
            var answer = string.Join('\n', lines[(at + 1)..end]).Trim('\n', ' ', '\t');
            if (answer.Length > 0 && answer != NoResponse)
                answers[labels[q]] = answer;
            end = at;
        }

        return new IssueFormBody(answers);
    }

    /// <summary>The answer to the question labelled <paramref name="label"/>, or null when it was left empty.</summary>
    public string? Answer(string label) => _answers.GetValueOrDefault(label);

    /// <summary>The non-empty lines of an answer, without list bullets.</summary>
    public IReadOnlyList<string> Lines(string label) =>
        Answer(label) is { } answer
            ? [.. answer.Split('\n').Select(l => Pasted.StripBullet(l.Trim())).Where(l => l.Length > 0)]
            : [];

    /// <summary>The options ticked in a checkbox question (<c>- [X] Option</c>).</summary>
    public IReadOnlyList<string> Ticked(string label) =>
        Answer(label) is { } answer
            ? [.. answer.Split('\n').Select(l => l.Trim())
                .Where(l => l.StartsWith("- [x] ", StringComparison.OrdinalIgnoreCase))
                .Select(l => l[6..].Trim())]
            : [];
}
