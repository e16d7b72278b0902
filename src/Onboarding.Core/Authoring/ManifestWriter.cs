using System.Collections;
using System.Text;
using Onboarding.Core.Manifests;
using Onboarding.Core.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Onboarding.Core.Authoring;

/// <summary>
/// Writes a <see cref="ManifestDraft"/> as manifest YAML by walking <see cref="ManifestSchema"/>: the schema line first,
/// fields in the schema's order, each field's <c>x-manifest-comment</c> above it, Markdown as literal blocks, and any
/// other text plain only when no YAML 1.1 or 1.2 reader could read it as anything else (so dates and deal ids are
/// quoted). YamlDotNet's emitter does the quoting, escaping and indenting, so whatever the text, the YAML reads back to
/// exactly that text.
/// </summary>
public static class ManifestWriter
{
    public const string SchemaLine = ManifestRules.SchemaComment;

    private static readonly EmitterSettings Settings = new EmitterSettings()
        .WithBestWidth(int.MaxValue)
        .WithNewLine("\n")
        .WithIndentedSequences();

    /// <summary>Where the manifest of the community called <paramref name="name"/> lives.</summary>
    public static string PathFor(string name) => "communities/" + name + ".yaml";

    public static string Write(ManifestDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var text = new StringWriter();
        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        emitter.Emit(new Comment(SchemaLine["# ".Length..], isInline: false));
        foreach (var line in CommentLines(draft.Summary))
            emitter.Emit(new Comment(line, isInline: false));
        foreach (var e in Value(ManifestSchema.Root, draft, inListEntry: false)!)
            emitter.Emit(e);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    /// <summary>
    /// The events that write <paramref name="value"/> as <paramref name="field"/>, or null when there is nothing to
    /// write: no value, an empty list the schema does not require, or a group with nothing in it.
    /// </summary>
    /// <param name="inListEntry">Within an entry of a list (a hub).</param>
    /// <param name="flow">Within a list written on one line.</param>
    private static List<ParsingEvent>? Value(ManifestField field, object? value, bool inListEntry, bool flow = false) => field.Kind switch
    {
        FieldKind.Group => value is null ? null : Group(field, value, inListEntry),
        FieldKind.List => List(field, value as IEnumerable, inListEntry),
        FieldKind.Flag => value is bool flag ? [Plain(flag ? "true" : "false")] : null,
        _ => value is string text ? [Text(text, field.IsMarkdown && !flow, flow)] : null,
    };

    private static List<ParsingEvent>? Group(ManifestField field, object value, bool inListEntry)
    {
        var events = new List<ParsingEvent> { new MappingStart(null, null, isImplicit: true, MappingStyle.Block) };
        foreach (var child in field.Fields)
        {
            // A field the draft has no property for cannot be written; a test lists any field left out of drafts on purpose.
            if (child.MemberOf(value.GetType()) is not { } member || Value(child, member.GetValue(value), inListEntry) is not { } written)
                continue;
            if (child.Comment is { } comment)
                events.Add(new Comment(comment, isInline: false));
            events.Add(Plain(child.Name));
            events.AddRange(written);
        }

        if (events.Count == 1 && !field.Required)
            return null;
        events.Add(new MappingEnd());
        return events;
    }

    /// <summary>
    /// Lists of groups (people, hubs) and lists at the top (deals) take a line per entry; a list of values inside an
    /// entry (a hub's resources, its sign-in lists) sits on one line.
    /// </summary>
    private static List<ParsingEvent>? List(ManifestField field, IEnumerable? value, bool inListEntry)
    {
        var item = field.Item!;
        var flow = inListEntry && item.Kind != FieldKind.Group;
        var entries = (value?.Cast<object?>() ?? [])
            .Select(v => Value(item, v, inListEntry: true, flow))
            .OfType<List<ParsingEvent>>()
            .ToList();
        if (entries.Count == 0 && !field.Required)
            return null;
        return
        [
            new SequenceStart(null, null, isImplicit: true, flow || entries.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block),
            .. entries.SelectMany(e => e),
            new SequenceEnd(),
        ];
    }

    private static Scalar Plain(string value) => new(null, null, value, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: true);

    /// <summary>Markdown as a literal block when a block holds it exactly; other text plain when that is safe; else double-quoted.</summary>
    private static Scalar Text(string value, bool markdown, bool flow)
    {
        value = WellFormed(value);
        var style = markdown && FitsBlock(value) ? ScalarStyle.Literal
            : IsSafePlain(value, flow) ? ScalarStyle.Plain
            : ScalarStyle.DoubleQuoted;
        return new Scalar(null, null, value, style, isPlainImplicit: true, isQuotedImplicit: true);
    }

    /// <summary>
    /// A lone surrogate is half a character: no UTF-8 file can hold it and the emitter refuses it, so it becomes
    /// U+FFFD, the replacement character.
    /// </summary>
    private static string WellFormed(string value)
    {
        if (!value.Any(char.IsSurrogate))
            return value;
        var sb = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
            sb.Append(rune.ToString());
        return sb.ToString();
    }

    /// <summary>
    /// Printable text only (tabs and line feeds allowed; a carriage return is not kept by a block, so such text is
    /// quoted), and something besides line breaks.
    /// </summary>
    private static bool FitsBlock(string text)
    {
        if (text.Trim('\n').Length == 0)
            return false;
        if (text.EnumerateRunes().Any(r => r.Value is not ('\n' or '\t') && IsUnprintable(r)))
            return false;

        // A trailing space on the last line would be trimmed by editors; keep such text exact by quoting it.
        return !text.Split('\n').Any(l => l.EndsWith(' ') || l.EndsWith('\t'));
    }

    /// <summary>Plain when no YAML reader could read it as anything but this text; double-quoted otherwise.</summary>
    private static bool IsSafePlain(string value, bool flow)
    {
        if (value.Length == 0 || !char.IsAsciiLetter(value[0]) || value[^1] is ' ' or ':')
            return false;
        if (Reserved.Contains(value))
            return false;
        if (value.Contains(": ", StringComparison.Ordinal) || value.Contains(" #", StringComparison.Ordinal))
            return false;
        if (flow && value.Contains(':', StringComparison.Ordinal))
            return false;
        foreach (var c in value)
        {
            var safe = char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '-' or '_' or '/' or '@' or '+' or '(' or ')' or '\'' or '=' or '?' or '&' or '%' or '~' or ':' or '#'
                || (!flow && c is ',')
                || (c > 127 && char.IsLetter(c));
            if (!safe)
                return false;
        }

        return !value.Contains("  ", StringComparison.Ordinal);
    }

    /// <summary>Words some YAML readers take for booleans or null, in any case.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "null", "yes", "no", "on", "off", "y", "n", "nan", "inf",
    };

    /// <summary>
    /// Outside YAML's printable set, a line break YAML 1.1 readers know, or a byte-order mark: what a block or a
    /// comment cannot hold as it is (a double-quoted scalar escapes it).
    /// </summary>
    private static bool IsUnprintable(Rune r) =>
        r.Value < ' ' || r.Value is '\u007F' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF'
        || (r.Value >= '\u0080' && r.Value < '\u00A0');

    /// <summary>A summary as comment lines: one per line of text, control characters dropped.</summary>
    private static IEnumerable<string> CommentLines(string? summary)
    {
        if (string.IsNullOrWhiteSpace(summary))
            yield break;
        foreach (var line in WellFormed(summary).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r'))
        {
            var clean = string.Concat(line.EnumerateRunes().Where(r => !IsUnprintable(r) && r.Value != '\t')).Trim();
            if (clean.Length > 0)
                yield return clean;
        }
    }
}
