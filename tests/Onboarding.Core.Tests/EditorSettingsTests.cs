using System.Text.Json;
using System.Text.RegularExpressions;
using Onboarding.Testing;

namespace Onboarding.Core.Tests;

/// <summary>The VS Code settings give BD autocomplete only if they point at the real schemas and match the real files.</summary>
public sealed class EditorSettingsTests
{
    [Fact]
    public void YamlSchemas_EveryMappedSchema_ExistsInTheRepository()
    {
        // Given
        var mapping = SchemaMapping();

        // Then
        mapping.Keys.ShouldNotBeEmpty();
        foreach (var schema in mapping.Keys)
            File.Exists(RepositoryFiles.PathOf(schema)).ShouldBeTrue($"{schema} is mapped in .vscode/settings.json but does not exist");
    }

    [Fact]
    public void YamlSchemas_EveryExampleAndTheConfiguration_GetTheirSchema()
    {
        // Given
        var mapping = SchemaMapping();
        var files = Directory.EnumerateFiles(RepositoryFiles.PathOf("communities"), "*.yaml")
            .Select(path => "communities/" + Path.GetFileName(path))
            .Append("onboarding.yaml")
            .ToList();

        // When
        var schemaOf = files.ToDictionary(file => file, file => mapping.Where(pair => pair.Value.Any(glob => Matches(glob, file))).Select(pair => pair.Key).ToList());

        // Then
        foreach (var (file, schemas) in schemaOf)
        {
            var expected = file == "onboarding.yaml" ? "./schemas/onboarding.schema.json" : "./schemas/community.schema.json";
            schemas.ShouldBe([expected], $"{file} should get exactly {expected}");
        }
    }

    private static Dictionary<string, string[]> SchemaMapping()
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        using var settings = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf(".vscode/settings.json")), options);
        return settings.RootElement.GetProperty("yaml.schemas").EnumerateObject()
            .ToDictionary(property => property.Name, property => property.Value.EnumerateArray().Select(glob => glob.GetString()!).ToArray());
    }

    // VS Code globs as used here: '*' matches within one path segment.
    private static bool Matches(string glob, string path) =>
        Regex.IsMatch(path, "^" + Regex.Escape(glob).Replace("\\*", "[^/]*", StringComparison.Ordinal) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
}
