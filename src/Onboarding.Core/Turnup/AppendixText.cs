using Onboarding.Core.Text;

namespace Onboarding.Core.Turnup;

/// <summary>
/// Markdown the program adds to an issue besides the template's answers: what engineers run (resource allocation
/// choices, <c>deployer generate</c> commands), what is missing and what was assumed. It can only be made by the
/// factories below, each of which makes outside text inert, and its headings are one level below a form field's
/// (<c>####</c>), so it reads as part of the field it is placed in and never as a field or hub section of its own.
/// </summary>
public sealed record AppendixText
{
    private AppendixText(string markdown) => Markdown = markdown;

    public static AppendixText Empty { get; } = new("");

    public string Markdown { get; }

    public bool IsEmpty => Markdown.Length == 0;

    /// <summary>A <c>####</c> heading.</summary>
    public static AppendixText Heading(string text) => new("#### " + MarkdownText.Inline(text));

    /// <summary>One paragraph of inline text.</summary>
    public static AppendixText Paragraph(CellText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.IsEmpty ? Empty : new(text.Markdown);
    }

    /// <summary>A bullet list; empty items are left out.</summary>
    public static AppendixText Bullets(IEnumerable<CellText> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new(string.Join('\n', items.Where(i => !i.IsEmpty).Select(i => "- " + i.Markdown)));
    }

    /// <summary>A fenced code block that no content can close early.</summary>
    public static AppendixText Code(string content, string language)
    {
        ArgumentNullException.ThrowIfNull(content);
        return content.Trim().Length == 0 ? Empty : new(MarkdownText.Fenced(content, language));
    }

    /// <summary>Markdown a community wrote (context, notes), kept as Markdown but inert and quoted (<see cref="MarkdownText.Block"/>).</summary>
    public static AppendixText Quote(string? markdown) => new(MarkdownText.Block(markdown));

    /// <summary>Parts one after the other, separated by a blank line; empty parts are left out.</summary>
    public static AppendixText Join(params IEnumerable<AppendixText> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new(string.Join("\n\n", parts.Where(p => !p.IsEmpty).Select(p => p.Markdown)));
    }

    public override string ToString() => Markdown;
}
