using Newtonsoft.Json.Linq;
using NJsonSchema;
using Onboarding.Core.Configuration;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Configuration;

public sealed class SettingsSchemaTests
{
    private static readonly string SchemaPath = RepositoryFiles.PathOf("schemas/onboarding.schema.json");

    [Fact]
    public void Schema_IsDraft07_AndTheEmbeddedCopyIsTheRepositoryFile()
    {
        var text = File.ReadAllText(SchemaPath);

        JObject.Parse(text)["$schema"]!.Value<string>().ShouldBe("http://json-schema.org/draft-07/schema#");
        SettingsReader.ReadEmbeddedSchema().ShouldBe(text);
    }

    [Fact]
    public void Schema_EveryPropertyHasDescriptionAndExamples_AndObjectsAreClosed()
    {
        // Given the schema
        var schema = JObject.Parse(File.ReadAllText(SchemaPath));
        var missing = new List<string>();

        // When every property and object is walked
        void Walk(JObject node, string path)
        {
            // An object is closed, or a map whose values the schema describes.
            if (node["type"]?.ToString() == "object")
            {
                if (node["additionalProperties"] is JObject values)
                {
                    if (values["description"] is null || values["examples"] is not JArray { Count: > 0 })
                        missing.Add($"{path}.*: no description or examples");
                }
                else if (node["additionalProperties"]?.Value<bool>() != false)
                {
                    missing.Add($"{path}: additionalProperties is not false");
                }
            }
            if (node["properties"] is JObject properties)
            {
                foreach (var (name, value) in properties)
                {
                    var property = (JObject)value!;
                    if (property["description"] is null)
                        missing.Add($"{path}.{name}: no description");
                    if (property["examples"] is not JArray { Count: > 0 })
                        missing.Add($"{path}.{name}: no examples");
                    Walk(property, $"{path}.{name}");
                }
            }

            if (node["items"] is JObject items)
                Walk(items, path + "[]");
        }

        Walk(schema, "$");

        // Then nothing is missing
        missing.ShouldBeEmpty();
    }

    [Fact]
    public async Task Schema_EveryExample_IsValidForItsProperty()
    {
        // Given the schema
        var schema = await JsonSchema.FromJsonAsync(File.ReadAllText(SchemaPath));
        var invalid = new List<string>();

        // When each example is checked against the property it illustrates (and URLs against the rules too)
        void Walk(JsonSchema node, string path)
        {
            foreach (var (name, property) in node.Properties)
            {
                foreach (var example in Examples(property))
                {
                    if (property.Validate(example).Count > 0)
                        invalid.Add($"{path}.{name}: {example}");
                    if (property.Format == "uri" && SettingsRules.UrlProblem(example.ToString()) is { } problem)
                        invalid.Add($"{path}.{name}: {example}: {problem}");
                }

                Walk(property, $"{path}.{name}");
                if (property.Item is { } item)
                {
                    foreach (var example in Examples(item))
                    {
                        if (item.Validate(example).Count > 0)
                            invalid.Add($"{path}.{name}[]: {example}");
                    }
                }
            }
        }

        Walk(schema, "$");

        // Then every example is valid
        invalid.ShouldBeEmpty();
    }

    [Fact]
    public void Schema_TurnupQuestionValues_AreTheValuesTheProgramKnows()
    {
        // Given the schema's values for turnup.questions
        var schema = JObject.Parse(File.ReadAllText(SchemaPath));
        var values = schema["properties"]!["turnup"]!["properties"]!["questions"]!["additionalProperties"]!["enum"]!.Values<string>();

        // Then they are exactly the ones the questions can be answered with
        values.ShouldBe(Onboarding.Core.Turnup.TurnupQuestions.Values.Keys, ignoreOrder: true);
    }

    private static JArray Examples(JsonSchema schema) =>
        schema.ExtensionData?.TryGetValue("examples", out var raw) == true && raw is not null
            ? JArray.FromObject(raw)
            : [];
}
