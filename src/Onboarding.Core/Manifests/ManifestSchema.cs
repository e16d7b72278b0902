using System.Reflection;
using System.Text.Json;

namespace Onboarding.Core.Manifests;

/// <summary>What a manifest field holds, as the code that reads and writes manifests sees it.</summary>
public enum FieldKind
{
    /// <summary>A string (a deal id may also be written as a number; it is read as its text).</summary>
    Text,

    /// <summary>true or false.</summary>
    Flag,

    /// <summary>A list; <see cref="ManifestField.Item"/> says what each entry holds.</summary>
    List,

    /// <summary>Fields of its own, in <see cref="ManifestField.Fields"/>.</summary>
    Group,
}

/// <summary>One field of the community schema, with what the reader and the writer need to know about it.</summary>
public sealed class ManifestField
{
    /// <summary>The key in the manifest, e.g. <c>funded_by</c>; empty for the manifest itself and for list entries.</summary>
    public required string Name { get; init; }

    /// <summary>Where it sits, e.g. <c>hubs[].auth.admins[]</c>.</summary>
    public required string Path { get; init; }

    public required FieldKind Kind { get; init; }

    /// <summary>Listed under <c>required</c> by the group that holds it; an entry of a list always is.</summary>
    public bool Required { get; init; }

    /// <summary>Text in Markdown (<c>contentMediaType: text/markdown</c>), written as a literal block.</summary>
    public bool IsMarkdown { get; init; }

    /// <summary>The comment line the writer puts above the field (<c>x-manifest-comment</c>), if any.</summary>
    public string? Comment { get; init; }

    /// <summary>A group's fields, in the schema's order (the order a written manifest has).</summary>
    public IReadOnlyList<ManifestField> Fields { get; init; } = [];

    /// <summary>What each entry of a list holds.</summary>
    public ManifestField? Item { get; init; }

    /// <summary>The schema's examples of the field's value.</summary>
    public IReadOnlyList<JsonElement> Examples { get; init; } = [];

    /// <summary>
    /// The property of <paramref name="type"/> that holds this field: named like it, ignoring case and underscores
    /// (<c>funded_by</c> is <c>FundedBy</c>, <c>github</c> is <c>GitHub</c>). Null when the type has none.
    /// </summary>
    public PropertyInfo? MemberOf(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Name.Length == 0 ? null : type.GetProperty(Name.Replace("_", "", StringComparison.Ordinal), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
    }

    public override string ToString() => Path;
}

/// <summary>
/// The community schema (<c>schemas/community.schema.json</c>, embedded) as a tree of <see cref="ManifestField"/>s.
/// <see cref="CommunityBinder"/> reads manifests and the writer writes them by walking this tree, so a field added to
/// the schema is read and written without code of its own.
/// </summary>
public static class ManifestSchema
{
    private static readonly Lazy<ManifestField> Embedded = new(() => Read(SchemaValidator.ReadEmbeddedSchema()));

    /// <summary>The manifest itself: a group whose fields are the top-level keys.</summary>
    public static ManifestField Root => Embedded.Value;

    private static ManifestField Read(string schemaJson)
    {
        using var document = JsonDocument.Parse(schemaJson);
        var root = document.RootElement;
        return Field(root, root, "", "", required: true);
    }

    private static ManifestField Field(JsonElement root, JsonElement node, string name, string path, bool required)
    {
        node = Resolve(root, node);
        var kind = KindOf(node, path);
        var requiredNames = node.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString() ?? "").ToHashSet(StringComparer.Ordinal) : [];
        return new ManifestField
        {
            Name = name,
            Path = path,
            Kind = kind,
            Required = required,
            IsMarkdown = node.TryGetProperty("contentMediaType", out var media) && media.GetString() == "text/markdown",
            Comment = node.TryGetProperty("x-manifest-comment", out var comment) ? comment.GetString() : null,
            Fields = kind == FieldKind.Group && node.TryGetProperty("properties", out var properties)
                ? [.. properties.EnumerateObject().Select(p => Field(root, p.Value, p.Name, path.Length == 0 ? p.Name : $"{path}.{p.Name}", requiredNames.Contains(p.Name)))]
                : [],
            Item = kind == FieldKind.List ? Field(root, node.GetProperty("items"), "", path + "[]", required: true) : null,
            Examples = node.TryGetProperty("examples", out var examples) ? [.. examples.EnumerateArray().Select(e => e.Clone())] : [],
        };
    }

    /// <summary>Follows <c>$ref</c>s, which in this schema point into <c>#/definitions</c>.</summary>
    private static JsonElement Resolve(JsonElement root, JsonElement node)
    {
        while (node.TryGetProperty("$ref", out var reference))
        {
            node = root;
            foreach (var segment in (reference.GetString() ?? "").TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
                node = node.GetProperty(segment);
        }

        return node;
    }

    private static FieldKind KindOf(JsonElement node, string path)
    {
        var types = !node.TryGetProperty("type", out var type) ? []
            : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList()
            : [type.GetString()];
        return types switch
        {
            ["string"] or ["string", "integer"] => FieldKind.Text,
            ["boolean"] => FieldKind.Flag,
            ["array"] => FieldKind.List,
            ["object"] => FieldKind.Group,
            _ => throw new NotSupportedException(
                $"The manifest field {(path.Length == 0 ? "(the manifest)" : path)} has the type {string.Join(" or ", types)}, which manifests are not read or written as yet."),
        };
    }
}
