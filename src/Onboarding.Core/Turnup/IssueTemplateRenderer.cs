using System.Globalization;
using System.Text.RegularExpressions;
using Onboarding.Core.Manifests;
using Onboarding.Core.Text;

namespace Onboarding.Core.Turnup;

/// <summary>A question of the template that the issue leaves as the template has it.</summary>
/// <param name="Question">What a reader sees of the question (a table row's Question, a field's label, a placeholder).</param>
/// <param name="Where">The field it is in (its label), <c>title</c>, or <c>body</c> for a Markdown template.</param>
/// <param name="Hub">The hub whose per-hub section it is in, if any.</param>
/// <param name="Reason">Why an answer given could not be used; null when there was none.</param>
public sealed record UnansweredQuestion(string Question, string Where, string? Hub = null, string? Reason = null);

/// <summary>An issue as <see cref="IssueTemplateRenderer"/> fills it in.</summary>
/// <param name="Problems">What keeps the template from carrying the answers (then the issue should not be opened).</param>
public sealed record RenderedIssue(string Title, string Body, IReadOnlyList<string> Labels, IReadOnlyList<UnansweredQuestion> Unanswered, IReadOnlyList<Problem> Problems);

/// <summary>
/// Fills in an issue template of the infrastructure repository the way a person would submit it. For an issue form,
/// the body is what GitHub writes for a submitted form: per field in order, <c>### label</c>, a blank line and the value
/// (<c>_No response_</c> when empty), dropdowns answered with one of their options. For a Markdown template, its body.
/// Either way, the template's Question | Answer | Notes tables get their Answer and Notes filled in where there is an
/// answer, the per-hub section (from <c>### Hub 1: ...</c> to the end of its text) is repeated per hub, and placeholders
/// such as <c>{{community_name}}</c> are filled in. Pure: the same template and answers always give the same bytes.
/// </summary>
public static partial class IssueTemplateRenderer
{
    /// <summary>GitHub's longest issue title.</summary>
    public const int MaxTitleLength = 256;

    /// <summary>GitHub's longest issue body.</summary>
    public const int MaxBodyLength = 65_536;

    public const string Ready = "READY";
    public const string NotReady = "NOT READY";

    /// <exception cref="ArgumentException">The marker is not one line of HTML comment, or two answers are given for one question.</exception>
    public static RenderedIssue Render(IssueTemplate template, TemplateAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Marker is { } marker && !IsHiddenLine(marker))
            throw new ArgumentException("The marker must be one line of HTML comment (<!-- ... -->).", nameof(answers));

        var filling = new Filling(template, answers);
        var title = filling.Title();
        var content = template.Format == IssueTemplateFormat.Form ? filling.Form() : filling.Text(template.Body ?? "", "body", carriesAppendix: true);
        content = content.Trim('\n');
        if (!filling.AppendixPlaced && !answers.Appendix.IsEmpty)
            content += "\n\n" + answers.Appendix.Markdown;
        var body = (answers.Marker is null ? "" : answers.Marker + "\n\n") + content + "\n";
        filling.Finish(body);

        var labels = template.Labels.Concat(answers.Labels)
            .Select(l => l.Trim()).Where(l => l.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return new RenderedIssue(title, body, labels, filling.Unanswered, filling.Problems);
    }

    private static bool IsHiddenLine(string marker) =>
        marker.StartsWith("<!--", StringComparison.Ordinal) && marker.EndsWith("-->", StringComparison.Ordinal) && marker.Length >= 7
        && marker.IndexOf("-->", StringComparison.Ordinal) == marker.Length - 3 && !marker.Contains('\n', StringComparison.Ordinal)
        && !marker.Contains('\r', StringComparison.Ordinal);

    /// <summary>A placeholder's name as it is matched: lower case, spaces and dashes as underscores.</summary>
    private static string PlaceholderKey(string name) => Spacing().Replace(name.Trim().ToLowerInvariant(), "_");

    private static string OneLine(string text) =>
        string.Join(' ', MarkdownText.Clean(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // Templates come from another repository: NonBacktracking bounds the time by the text's length.
    [GeneratedRegex(@"\{\{\s*([^{}\r\n]+?)\s*\}\}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[\s-]+", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex Spacing();

    [GeneratedRegex(@"^ {0,3}###[ \t]+Hub[ \t]+1\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex HubSectionStart();

    /// <summary>One rendering: the answers in lookups, and what was left unanswered or could not be done.</summary>
    private sealed class Filling
    {
        private readonly IssueTemplate _template;
        private readonly TemplateAnswers _answers;
        private readonly Dictionary<string, string> _placeholders = new(StringComparer.Ordinal);
        private readonly Dictionary<string, TableAnswer> _questions;
        private readonly List<(HubAnswers Hub, Dictionary<string, TableAnswer> Questions)> _hubs;
        private bool _hubSectionFound;

        public Filling(IssueTemplate template, TemplateAnswers answers)
        {
            _template = template;
            _answers = answers;
            foreach (var (name, value) in answers.Placeholders)
                _placeholders[PlaceholderKey(name)] = value;
            _questions = QuestionTables.Lookup(answers.Questions);
            _hubs = [.. answers.Hubs.Select(h => (h, QuestionTables.Lookup(h.Questions)))];
        }

        public List<UnansweredQuestion> Unanswered { get; } = [];

        public List<Problem> Problems { get; } = [];

        /// <summary>Whether <see cref="TemplateAnswers.Appendix"/> found its place in the template's text.</summary>
        public bool AppendixPlaced { get; private set; }

        public string Title()
        {
            var title = Placeholder().Replace(_template.Title ?? _template.Name, match =>
            {
                // Inert as in the body: GitHub renders some Markdown in titles, and the plan shows them.
                if (_placeholders.TryGetValue(PlaceholderKey(match.Groups[1].Value), out var value))
                    return MarkdownText.Inline(value);
                Unanswered.Add(new UnansweredQuestion(match.Value, "title", Reason: "no value is given for this placeholder"));
                return match.Value;
            });
            title = OneLine(title);
            return title.Length <= MaxTitleLength ? title : title[..(MaxTitleLength - 1)].TrimEnd() + "…";
        }

        public string Form() =>
            string.Join("\n\n", _template.Fields
                .Where(f => f.Type != FormFieldType.Markdown)
                .Select(f => "### " + f.Label + "\n\n" + Value(f)));

        /// <summary>Markdown of the template (a textarea's value, a Markdown template's body) with tables, per-hub
        /// sections and placeholders filled in.</summary>
        /// <param name="carriesAppendix">The text is where <see cref="TemplateAnswers.Appendix"/> goes, unless it went elsewhere already.</param>
        public string Text(string text, string where, bool carriesAppendix = false)
        {
            var appendix = carriesAppendix && !AppendixPlaced && !_answers.Appendix.IsEmpty ? _answers.Appendix.Markdown : "";
            AppendixPlaced |= appendix.Length > 0;
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
            var start = _hubs.Count == 0 ? -1 : Array.FindIndex(lines, l => HubSectionStart().IsMatch(l));
            if (start < 0)
                return Joined(Filled(string.Join('\n', lines), _questions, where, null), appendix);

            _hubSectionFound = true;
            var before = Joined(Filled(string.Join('\n', lines[..start]), _questions, where, null).TrimEnd('\n'), appendix);
            var section = string.Join('\n', lines[(start + 1)..]).TrimEnd('\n');
            var parts = new List<string> { before };
            for (var i = 0; i < _hubs.Count; i++)
            {
                var (hub, questions) = _hubs[i];
                var heading = $"### Hub {(i + 1).ToString(CultureInfo.InvariantCulture)}: {MarkdownText.Inline(hub.Name)} ({(hub.Ready ? Ready : NotReady)})";
                parts.Add(Joined(heading + "\n" + Filled(section, questions, where, hub), hub.Appendix.Markdown));
            }

            return string.Join("\n\n", parts.Where(p => p.Length > 0));
        }

        /// <summary>Text followed, after a blank line, by what the program adds to it (if anything).</summary>
        private static string Joined(string text, string added) =>
            added.Length == 0 ? text : text.TrimEnd('\n') + "\n\n" + added;

        /// <summary>Checks what can only be judged once the whole issue is written.</summary>
        public void Finish(string body)
        {
            if (_hubs.Count > 0 && !_hubSectionFound)
            {
                Problems.Add(Problem.Error(_template.Path, SourceLocation.Start, "body",
                    $"The template has no per-hub section (a line \"### Hub 1: ...\" in its text), so the {_hubs.Count.ToString(CultureInfo.InvariantCulture)} hub(s) asked for cannot each get their tables."));
            }

            if (body.Length > MaxBodyLength)
            {
                Problems.Add(Problem.Error(_template.Path, SourceLocation.Start, "",
                    $"Filled in, the issue would be {body.Length.ToString(CultureInfo.InvariantCulture)} characters long; GitHub takes at most {MaxBodyLength.ToString(CultureInfo.InvariantCulture)} in an issue."));
            }
        }

        private string Filled(string text, Dictionary<string, TableAnswer> questions, string where, HubAnswers? hub)
        {
            var withPlaceholders = Placeholder().Replace(text, match =>
            {
                var key = PlaceholderKey(match.Groups[1].Value);
                if (hub is not null && key == "hub_name")
                    return MarkdownText.Inline(hub.Name);
                return _placeholders.TryGetValue(key, out var value) ? MarkdownText.Inline(value) : match.Value;
            });
            return QuestionTables.Fill(withPlaceholders, questions, question => Unanswered.Add(new UnansweredQuestion(question, where, hub?.Name)));
        }

        private string Value(FormField field)
        {
            var answer = field.Id is not null ? _answers.Fields.GetValueOrDefault(field.Id) : null;
            var value = field.Type switch
            {
                FormFieldType.Dropdown => Dropdown(field, answer),
                FormFieldType.Checkboxes => Checkboxes(field, answer),
                _ => Written(field, answer),
            };
            if (value.Trim().Length > 0)
                return value;
            if (field.Required && !Unanswered.Any(u => u.Where == field.Label && u.Question == field.Label))
                Unanswered.Add(new UnansweredQuestion(field.Label, field.Label));
            return IssueFormBody.NoResponse;
        }

        /// <summary>A textarea or input: the answer, or else the template's own text filled in.</summary>
        private string Written(FormField field, FieldAnswer? answer)
        {
            var given = answer is null ? "" : field.Render is not null ? Code(answer.Value, field.Render) : field.Type == FormFieldType.Input ? MarkdownText.Inline(answer.Value) : Textarea(answer);
            if (given.Trim().Length > 0 || string.IsNullOrWhiteSpace(field.Value))
                return given;
            return field.Render is not null ? Code(field.Value, field.Render) : Text(field.Value, field.Label, carriesAppendix: true).Trim('\n');
        }

        private static string Textarea(FieldAnswer answer) => answer.Kind switch
        {
            FieldAnswerKind.Markdown => MarkdownText.Block(answer.Value),
            FieldAnswerKind.Choice => MarkdownText.Inline(answer.Value),
            _ => string.Join('\n', answer.Value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => MarkdownText.Inline(l))).Trim('\n'),
        };

        private static string Code(string text, string render) => text.Trim().Length == 0 ? "" : MarkdownText.Fenced(text, render);

        private string Dropdown(FormField field, FieldAnswer? answer)
        {
            var fallback = field.DefaultOption is { } index ? field.Options[index] : "";
            var choices = answer?.Choices.Where(c => c.Trim().Length > 0).ToList() ?? [];
            if (choices.Count == 0)
                return fallback;

            var chosen = field.Options.Where(o => choices.Any(c => Same(c, o))).ToList();
            var unknown = choices.Where(c => !field.Options.Any(o => Same(c, o))).ToList();
            string? reason = null;
            if (unknown.Count > 0)
                reason = $"\"{OneLine(string.Join(", ", unknown))}\" is not one of its options ({string.Join(", ", field.Options)})";
            else if (chosen.Count > 1 && !field.Multiple)
                reason = "it takes one option, and several were given";
            if (reason is null && chosen.Count > 0)
                return string.Join(", ", chosen);

            Unanswered.Add(new UnansweredQuestion(field.Label, field.Label, Reason: reason));
            return fallback;
        }

        private string Checkboxes(FormField field, FieldAnswer? answer)
        {
            var choices = answer?.Choices ?? [];
            foreach (var unknown in choices.Where(c => c.Trim().Length > 0 && !field.Checkboxes.Any(b => Same(c, b.Label))))
                Unanswered.Add(new UnansweredQuestion(field.Label, field.Label, Reason: $"\"{OneLine(unknown)}\" is not one of its boxes"));

            var lines = new List<string>();
            foreach (var box in field.Checkboxes)
            {
                var ticked = choices.Any(c => Same(c, box.Label));
                if (!ticked && box.Required)
                    Unanswered.Add(new UnansweredQuestion(box.Label, field.Label, Reason: "the template requires this box to be ticked"));
                lines.Add($"- [{(ticked ? "X" : " ")}] {box.Label}");
            }

            return string.Join('\n', lines);
        }

        private static bool Same(string given, string option) =>
            string.Equals(OneLine(given), OneLine(option), StringComparison.OrdinalIgnoreCase);
    }
}
