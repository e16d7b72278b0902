using Onboarding.Core.Manifests;

namespace Onboarding.Core.Turnup;

/// <summary>The two kinds of file GitHub offers in <c>.github/ISSUE_TEMPLATE/</c>.</summary>
public enum IssueTemplateFormat
{
    /// <summary>An issue form (<c>.yml</c> or <c>.yaml</c>): fields that GitHub turns into <c>### label</c> sections.</summary>
    Form,

    /// <summary>A Markdown template (<c>.md</c>): front matter, then the body the issue starts with.</summary>
    Markdown,
}

/// <summary>The kinds of issue form field the program can fill in.</summary>
public enum FormFieldType
{
    /// <summary>Text shown on the form only; it is not part of the submitted issue.</summary>
    Markdown,
    Textarea,
    Input,
    Dropdown,
    Checkboxes,
}

/// <summary>
/// One issue template of the infrastructure repository as read by <see cref="IssueTemplateReader"/>: what GitHub
/// shows in its template chooser, and what a submitted issue is made of.
/// </summary>
public sealed record IssueTemplate
{
    /// <summary>The file as given to the reader; every problem names it.</summary>
    public required string Path { get; init; }

    public required IssueTemplateFormat Format { get; init; }

    public required string Name { get; init; }

    /// <summary>The form's <c>description</c> or the Markdown template's <c>about</c>.</summary>
    public required string About { get; init; }

    /// <summary>The title an issue starts with, placeholders such as <c>{{community_name}}</c> included; null when the
    /// template has none.</summary>
    public string? Title { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public IReadOnlyList<string> Assignees { get; init; } = [];

    /// <summary>An issue form's fields in order (empty for a Markdown template).</summary>
    public IReadOnlyList<FormField> Fields { get; init; } = [];

    /// <summary>A Markdown template's body, after its front matter (null for an issue form).</summary>
    public string? Body { get; init; }

    /// <summary>Where <see cref="Body"/> starts in the file.</summary>
    public SourceLocation BodyLocation { get; init; } = SourceLocation.Start;
}

/// <summary>One element of an issue form's <c>body</c>.</summary>
public sealed record FormField
{
    public required FormFieldType Type { get; init; }

    /// <summary>The field's <c>id</c>, by which answers are given; null when the template gives none.</summary>
    public string? Id { get; init; }

    /// <summary>The heading of the field's section in a submitted issue; empty for <see cref="FormFieldType.Markdown"/>.</summary>
    public string Label { get; init; } = "";

    public string? Description { get; init; }

    public string? Placeholder { get; init; }

    /// <summary>The text a textarea or input starts with (for a markdown field, the text it shows).</summary>
    public string? Value { get; init; }

    /// <summary>A textarea's <c>render</c> language: GitHub puts its value in a code block.</summary>
    public string? Render { get; init; }

    /// <summary>A dropdown's options.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>The index of the dropdown option selected at first.</summary>
    public int? DefaultOption { get; init; }

    /// <summary>Whether a dropdown allows more than one option.</summary>
    public bool Multiple { get; init; }

    public IReadOnlyList<CheckboxOption> Checkboxes { get; init; } = [];

    public bool Required { get; init; }

    /// <summary>Where the field starts in the file.</summary>
    public SourceLocation Location { get; init; } = SourceLocation.Start;

    /// <summary>Where its <c>value</c> starts (the field's own location when it has none).</summary>
    public SourceLocation ValueLocation { get; init; } = SourceLocation.Start;
}

/// <summary>One box of a checkboxes field.</summary>
public sealed record CheckboxOption(string Label, bool Required);
