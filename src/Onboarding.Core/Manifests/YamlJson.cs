using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Onboarding.Core.Manifests;

/// <summary>
/// Turns the located YAML tree into JSON for schema validation, reading plain scalars as YAML 1.2's core schema
/// does (so "yes" stays a string and "0123" a number), and records where each JSON path came from.
/// </summary>
public static partial class YamlJson
{
    public static JToken ToJson(YamlNode node) => node switch
    {
        YamlScalar scalar => Scalar(scalar),
        YamlSequence sequence => new JArray(sequence.Items.Select(ToJson)),
        YamlMapping mapping => ToObject(mapping),
        _ => JValue.CreateNull(),
    };

    /// <summary>Every field path (<c>hubs[0].domain</c>) with the location of its value and, for mapping entries, of its key.</summary>
    public static IReadOnlyDictionary<string, FieldLocation> Locate(YamlNode root)
    {
        var locations = new Dictionary<string, FieldLocation>(128, StringComparer.Ordinal);
        Walk(root, "", root.Location, locations);
        return locations;
    }

    private static void Walk(YamlNode node, string path, SourceLocation keyLocation, Dictionary<string, FieldLocation> locations)
    {
        locations[path] = new FieldLocation(keyLocation, node.Location, node is YamlScalar { IsNull: false } scalar ? scalar.Value : null);
        switch (node)
        {
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                    Walk(sequence.Items[i], $"{path}[{i}]", sequence.Items[i].Location, locations);
                break;
            case YamlMapping mapping:
                foreach (var entry in mapping.Entries)
                    Walk(entry.Value, path.Length == 0 ? entry.Key.Value : $"{path}.{entry.Key.Value}", entry.Key.Location, locations);
                break;
        }
    }

    private static JObject ToObject(YamlMapping mapping)
    {
        var result = new JObject();
        foreach (var entry in mapping.Entries)
            result[entry.Key.Value] = ToJson(entry.Value);
        return result;
    }

    private static JValue Scalar(YamlScalar scalar)
    {
        if (!scalar.IsPlain)
            return new JValue(scalar.Value);
        var value = scalar.Value;
        if (scalar.IsNull)
            return JValue.CreateNull();
        if (value is "true" or "True" or "TRUE")
            return new JValue(true);
        if (value is "false" or "False" or "FALSE")
            return new JValue(false);
        if (IntegerPattern().IsMatch(value))
        {
            // NJsonSchema cannot compare a BigInteger; beyond 64 bits a decimal (28 digits), then a double, keeps the
            // kind of value (a number) without losing what a schema error needs.
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
                return new JValue(small);
            if (ulong.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unsigned))
                return new JValue(unsigned);
            if (decimal.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var large))
                return new JValue(large);
            return new JValue(double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return new JValue(number);
        return new JValue(value);
    }

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex FloatPattern();
}

/// <param name="Key">Where the field's name is (for "not allowed here" and "appears twice").</param>
/// <param name="Value">Where its value starts (for "wrong value").</param>
/// <param name="Text">The value as written, when it is a scalar.</param>
public readonly record struct FieldLocation(SourceLocation Key, SourceLocation Value, string? Text);
