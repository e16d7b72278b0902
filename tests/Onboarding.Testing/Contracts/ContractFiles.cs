using System.Text.Json.Nodes;

namespace Onboarding.Testing.Contracts;

/// <summary>The vendors' descriptions in TestData/, embedded in this assembly so every test project reads the same copy.</summary>
internal static class ContractFiles
{
    public static JsonObject Read(string name) => JsonNode.Parse(ReadText(name))!.AsObject();

    public static string ReadText(string name)
    {
        using var stream = typeof(ContractFiles).Assembly.GetManifestResourceStream("Onboarding.Testing.TestData." + name)
            ?? throw new InvalidOperationException($"TestData/{name} is not embedded in Onboarding.Testing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A <c>$ref</c> resolver over one object of named schemas, for names that start with <paramref name="prefix"/>.</summary>
    public static Func<string, JsonObject> Resolver(JsonObject schemas, string prefix, string file) => reference =>
        reference.StartsWith(prefix, StringComparison.Ordinal) && schemas[reference[prefix.Length..]] is JsonObject schema
            ? schema
            : throw new KeyNotFoundException($"{file} defines no {reference}.");
}
