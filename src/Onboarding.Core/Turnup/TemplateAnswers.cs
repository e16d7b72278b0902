using System.Text;
using Onboarding.Core.Text;

namespace Onboarding.Core.Turnup;

/// <summary>
/// The content of one table cell. It can only be made by the factories below, each of which makes outside text inert
/// with <see cref="MarkdownText"/> and keeps it on one line, so no answer can break the table it lands in.
/// </summary>
public sealed record CellText
{
    private CellText(string markdown) => Markdown = markdown;

    public static CellText Empty { get; } = new("");

    /// <summary>The cell as Markdown, ready to stand between two <c>|</c>.</summary>
    public string Markdown { get; }

    public bool IsEmpty => Markdown.Length == 0;

    /// <summary>Plain text, shown as written.</summary>
    public static CellText Text(string? text) => new(MarkdownText.Cell(text));

    /// <summary>An address, linked when it is http(s) and shown as text otherwise.</summary>
    public static CellText Url(string? url) => new(MarkdownText.Url(url));

    /// <summary>Text shown as code (a command, an image name); plain text when it cannot be one code span in a table cell.</summary>
    public static CellText Code(string? text)
    {
        var line = string.Join(' ', MarkdownText.Clean(text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length == 0)
            return Empty;
        return line.Length > MarkdownText.MaxInlineLength || line.Contains('|', StringComparison.Ordinal) || line.Contains('`', StringComparison.Ordinal)
            ? Text(line)
            : new("`" + line + "`");
    }

    /// <summary>Words linked to an http(s) address (only the words when the address is anything else).</summary>
    public static CellText Link(string? text, string? url) => new(MarkdownText.Link(text, url));

    /// <summary>Several parts in one cell, e.g. <c>Join("; ", deals)</c>; empty parts are left out.</summary>
    public static CellText Join(string separator, IEnumerable<CellText> parts)
    {
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(parts);
        var glue = new StringBuilder();
        foreach (var c in separator)
            glue.Append(c == ' ' ? " " : MarkdownText.Cell(c.ToString()));
        return new(string.Join(glue.ToString(), parts.Where(p => !p.IsEmpty).Select(p => p.Markdown)));
    }

    public override string ToString() => Markdown;
}

/// <summary>The answer to one row of a template's Question | Answer | Notes table.</summary>
/// <param name="Assumed">The answer is a stated default rather than something the community said; Notes says so.</param>
public sealed record TableAnswer(CellText Answer, CellText Notes, bool Assumed = false)
{
    /// <summary>An answer in plain text, with optional notes in plain text.</summary>
    public static TableAnswer Of(string? answer, string? notes = null, bool assumed = false) =>
        new(CellText.Text(answer), CellText.Text(notes), assumed);
}

/// <summary>
/// The answer to one field of an issue form, in the form that says what the text is. Every kind fits every field
/// (templates change): a dropdown takes text as the option to choose, an input takes Markdown as one line of text.
/// </summary>
public sealed record FieldAnswer
{
    private FieldAnswer(FieldAnswerKind kind, string value, IReadOnlyList<string> choices)
    {
        Kind = kind;
        Value = value;
        Choices = choices;
    }

    internal FieldAnswerKind Kind { get; }

    internal string Value { get; }

    internal IReadOnlyList<string> Choices { get; }

    /// <summary>Plain text: one line in an input, its lines kept in a textarea (code in a textarea with <c>render</c>),
    /// the option to choose in a dropdown, the box to tick in checkboxes.</summary>
    public static FieldAnswer Text(string? text) => new(FieldAnswerKind.Text, text ?? "", [text ?? ""]);

    /// <summary>Markdown a community wrote (context, notes): kept as Markdown but made inert and quoted
    /// (<see cref="MarkdownText.Block"/>).</summary>
    public static FieldAnswer Markdown(string? markdown) => new(FieldAnswerKind.Markdown, markdown ?? "", [markdown ?? ""]);

    /// <summary>The dropdown options to choose, or the checkboxes to tick, by their text.</summary>
    public static FieldAnswer Choose(params IEnumerable<string> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var list = options.ToList();
        return new(FieldAnswerKind.Choice, string.Join(", ", list), list);
    }
}

internal enum FieldAnswerKind
{
    Text,
    Markdown,
    Choice,
}

/// <summary>One hub of a phase 3 issue: the per-hub section of the template is repeated for each.</summary>
/// <param name="Questions">Answers to the per-hub tables, by each row's Question text.</param>
public sealed record HubAnswers(string Name, bool Ready, IReadOnlyDictionary<string, TableAnswer> Questions)
{
    /// <summary>Added at the end of this hub's section, after its tables.</summary>
    public AppendixText Appendix { get; init; } = AppendixText.Empty;
}

/// <summary>Everything <see cref="IssueTemplateRenderer"/> fills a template with.</summary>
public sealed record TemplateAnswers
{
    /// <summary>Values for <c>{{name}}</c> placeholders in the title and body, e.g. <c>community_name</c>, <c>date</c>.
    /// Names match however they are written: <c>{{ HUB NAME }}</c> is <c>hub_name</c>.</summary>
    public IReadOnlyDictionary<string, string> Placeholders { get; init; } = new Dictionary<string, string>();

    /// <summary>Answers to form fields, by the field's <c>id</c>.</summary>
    public IReadOnlyDictionary<string, FieldAnswer> Fields { get; init; } = new Dictionary<string, FieldAnswer>();

    /// <summary>Answers to table rows outside a per-hub section, by each row's Question text (matched on the text a
    /// reader sees: case, spacing, code marks and link addresses do not matter).</summary>
    public IReadOnlyDictionary<string, TableAnswer> Questions { get; init; } = new Dictionary<string, TableAnswer>();

    /// <summary>The hubs whose per-hub section is repeated (phase 3); empty leaves the section as the template has it.</summary>
    public IReadOnlyList<HubAnswers> Hubs { get; init; } = [];

    /// <summary>Labels added to the template's own, e.g. the configured turnup labels and the community's label.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>A hidden one-line HTML comment placed first, above the form's content (<see cref="IssueMarker.Line"/>).</summary>
    public string? Marker { get; init; }

    /// <summary>
    /// Added after the template's own text: in an issue form, at the end of the first field whose text the template
    /// gives (the tables), before its per-hub section if it has one; in a Markdown template, at the end of the body.
    /// </summary>
    public AppendixText Appendix { get; init; } = AppendixText.Empty;
}
