using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Onboarding.Cli.Infrastructure;

/// <summary>How every command writes <c>--output json</c>: camelCase names and enum values, indented, and text as
/// written (quotes and non-ASCII letters are not turned into <c>\u0022</c> escapes; control characters still are).</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
