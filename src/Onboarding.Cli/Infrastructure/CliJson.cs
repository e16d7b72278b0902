using System.Text.Json;
using System.Text.Json.Serialization;

namespace Onboarding.Cli.Infrastructure;

/// <summary>How every command writes <c>--output json</c>: camelCase names and enum values, indented.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
