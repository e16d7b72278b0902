using System.Text.Json;
using Onboarding.Core.Authoring;
using Onboarding.Core.Manifests;

namespace Onboarding.Testing;

/// <summary>
/// Manifests built from the schema itself: every field, at every depth, holding the schema's first example, where a
/// test may give any field another value. A field added to the schema is then covered without touching the tests.
/// </summary>
public static class SchemaExamples
{
    private static readonly SourceLocation At = SourceLocation.Start;

    /// <summary>The field and every field under it, in the schema's order (a list's entry after the list).</summary>
    public static IEnumerable<ManifestField> Walk(ManifestField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        yield return field;
        foreach (var child in field.Fields.Append(field.Item).OfType<ManifestField>())
        {
            foreach (var descendant in Walk(child))
                yield return descendant;
        }
    }

    /// <summary>Every field that holds text, list entries included (<c>deals[]</c>, <c>hubs[].auth.admins[]</c>).</summary>
    public static IReadOnlyList<ManifestField> TextFields { get; } = [.. Walk(ManifestSchema.Root).Where(f => f.Kind == FieldKind.Text)];

    /// <summary>The manifest with every field, each from its example unless <paramref name="replace"/> gives it a node.</summary>
    public static YamlMapping Manifest(Func<ManifestField, YamlNode?>? replace = null) =>
        (YamlMapping)Node(ManifestSchema.Root, replace ?? (_ => null));

    /// <summary>A manifest file, as the program writes manifests, with <paramref name="text"/> in the field at
    /// <paramref name="path"/> (for a list entry, in its one entry) and every other field from its example.</summary>
    public static string WithText(string path, string text) =>
        ManifestWriter.Write(ManifestDraft.Read(Manifest(f => f.Path == path ? new YamlScalar(At, text, IsPlain: false) : null)));

    public static JsonElement Example(ManifestField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Examples.Count > 0 ? field.Examples[0] : throw new InvalidOperationException($"{field} has no example in the schema.");
    }

    private static YamlNode Node(ManifestField field, Func<ManifestField, YamlNode?> replace) =>
        replace(field) ?? field.Kind switch
        {
            FieldKind.Group => new YamlMapping(At, [.. field.Fields.Select(f => new YamlEntry(new YamlScalar(At, f.Name, IsPlain: true), Node(f, replace)))]),
            FieldKind.List => new YamlSequence(At, [Node(field.Item!, replace)]),
            FieldKind.Flag => new YamlScalar(At, Example(field).GetBoolean() ? "true" : "false", IsPlain: true),
            _ => new YamlScalar(At, Example(field).GetString()!, IsPlain: false),
        };
}
