using System.Reflection;
using System.Text;
using System.Text.Json;
using Onboarding.Core.Authoring;
using Onboarding.Core.Manifests;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Manifests;

/// <summary>
/// Every field of <c>schemas/community.schema.json</c>, at every depth, is bound to the model, carried by the draft
/// and written back: a field added to the schema without its properties fails here, by name. The values come from
/// the schema's own examples.
/// </summary>
public sealed class ManifestFieldCoverageTests
{
    private static readonly SourceLocation At = SourceLocation.Start;

    /// <summary>Schema fields a draft deliberately cannot carry, with the reason. None so far.</summary>
    private static readonly Dictionary<string, string> NotInDrafts = [];

    /// <summary>Properties of the model or the draft that are not schema fields, with the reason.</summary>
    private static readonly Dictionary<string, string> NotFields = new(StringComparer.Ordinal)
    {
        ["ManifestDraft.Summary"] = "a comment written under the schema line, not a field",
    };

    public static TheoryData<string> Fields() => [.. SchemaExamples.Walk(ManifestSchema.Root).Where(f => f.Name.Length > 0).Select(f => f.Path)];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Schema_EveryField_HasAPropertyOnTheModelAndTheDraft(string path)
    {
        // Given the types that should hold the field
        var (field, model, draft) = Owners().Single(o => o.Field.Path == path);

        // Then each has a property named like it
        model.ShouldNotBeNull($"the model has no type that holds the group of {path}");
        field.MemberOf(model).ShouldNotBeNull($"{model.Name} has no property for {path}");
        if (NotInDrafts.ContainsKey(path))
            return;
        draft.ShouldNotBeNull($"the draft has no type that holds the group of {path}");
        field.MemberOf(draft).ShouldNotBeNull($"{draft.Name} has no property for {path}");
    }

    [Fact]
    public void Schema_EveryPropertyOfTheModelAndTheDraft_IsAField()
    {
        // Given every type the model and the draft are made of, with the fields each one holds
        var holders = Owners()
            .SelectMany(o => new[] { (Type: o.Model, o.Field), (Type: o.Draft, o.Field) })
            .Where(h => h.Type is not null)
            .GroupBy(h => h.Type!, h => h.Field.Name);

        // When their properties are matched against the fields
        var strays = holders
            .SelectMany(h => h.Key.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => !h.Any(name => string.Equals(name.Replace("_", "", StringComparison.Ordinal), p.Name, StringComparison.OrdinalIgnoreCase)))
                .Select(p => $"{h.Key.Name}.{p.Name}"))
            .Where(p => !NotFields.ContainsKey(p))
            .ToList();

        // Then none is left over (a misspelt property would be read and written by nothing)
        strays.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Bind_EveryField_ReachesTheModel(string path)
    {
        // Given a manifest with every field, and the same manifest with this one field changed
        var full = SchemaExamples.Manifest();
        var changed = SchemaExamples.Manifest(f => f.Path == path ? Changed(f) : null);

        // When both are bound
        var before = Json(CommunityBinder.Bind(full));
        var after = Json(CommunityBinder.Bind(changed));

        // Then the model tells them apart
        after.ShouldNotBe(before, $"changing {path} in the manifest changed nothing in the model");
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Write_EveryFieldThroughADraft_ReadsBackAsItWas(string path)
    {
        // Given a manifest with every field, read into a draft
        var full = SchemaExamples.Manifest();
        var draft = ManifestDraft.Read(full);

        // When the draft is written and the file read again
        var text = ManifestWriter.Write(draft);
        var (written, problems) = YamlReader.Read(new SourceFile("communities/tidepool.yaml", Encoding.UTF8.GetBytes(text)));

        // Then the field is in the file with every value it had, and the model is the same
        problems.ShouldBeEmpty();
        Located(written!, path).ShouldNotBeEmpty($"{path} is not in the written manifest:\n{text}");
        Located(written!, path).ShouldBe(Located(full, path));
        Json(CommunityBinder.Bind(written!)).ShouldBe(Json(CommunityBinder.Bind(full)));
    }

    /// <summary>Each named field with the model type and the draft type that should hold it (null below a missing property).</summary>
    private static List<(ManifestField Field, Type? Model, Type? Draft)> Owners()
    {
        var owners = new List<(ManifestField, Type?, Type?)>();
        void Visit(ManifestField group, Type? model, Type? draft)
        {
            foreach (var field in group.Fields)
            {
                owners.Add((field, model, draft));
                var inner = field.Kind == FieldKind.List ? field.Item! : field;
                if (inner.Kind == FieldKind.Group)
                    Visit(inner, HeldBy(field, model), HeldBy(field, draft));
            }
        }

        Visit(ManifestSchema.Root, typeof(Community), typeof(ManifestDraft));
        return owners;
    }

    /// <summary>The type of the field's property, or of its list's entries.</summary>
    private static Type? HeldBy(ManifestField field, Type? owner)
    {
        if (owner is null || field.MemberOf(owner) is not { } property)
            return null;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return field.Kind == FieldKind.List ? type.GetGenericArguments().Single() : type;
    }

    /// <summary>Another value for the field: a group or list emptied, a flag flipped, other text.</summary>
    private static YamlNode Changed(ManifestField field) => field.Kind switch
    {
        FieldKind.Group => new YamlMapping(At, []),
        FieldKind.List => new YamlSequence(At, []),
        FieldKind.Flag => new YamlScalar(At, SchemaExamples.Example(field).GetBoolean() ? "false" : "true", IsPlain: true),
        _ => new YamlScalar(At, Other(field), IsPlain: false),
    };

    /// <summary>The schema's second example, or the first with its last character changed ("2026-10-01" to "2026-10-02").</summary>
    private static string Other(ManifestField field)
    {
        if (field.Examples.Count > 1)
            return field.Examples[1].GetString()!;
        var first = SchemaExamples.Example(field).GetString()!;
        var last = first[^1];
        return first[..^1] + (char)(last is '9' or 'z' or 'Z' ? last - 1 : last + 1);
    }

    /// <summary>Every value at or under the field (its first list entry for <c>[]</c>), as written.</summary>
    private static List<(string Field, string? Text)> Located(YamlMapping root, string path)
    {
        var at = path.Replace("[]", "[0]", StringComparison.Ordinal);
        return [.. YamlJson.Locate(root)
            .Where(l => l.Key == at || l.Key.StartsWith(at + ".", StringComparison.Ordinal) || l.Key.StartsWith(at + "[", StringComparison.Ordinal))
            .Select(l => (l.Key, l.Value.Text))
            .OrderBy(l => l.Key, StringComparer.Ordinal)];
    }

    private static string Json(Community community) => JsonSerializer.Serialize(community);
}
