using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Onboarding.Core.Manifests;

/// <summary>
/// Checks a manifest against <c>schemas/community.schema.json</c> (embedded, so the program and CI use the very file
/// editors use) and turns each schema error into a located sentence.
/// </summary>
public sealed partial class SchemaValidator
{
    private static readonly Lazy<SchemaValidator> Embedded = new(() => new SchemaValidator(ReadEmbeddedSchema()));

    private readonly JsonSchema _schema;

    public SchemaValidator(string schemaJson)
    {
        // NJsonSchema matches "pattern" through Regex's static cache (15 entries by default); the schema has more
        // patterns than that, and a thrashing cache recompiles regexes for every file.
        if (Regex.CacheSize < 64)
            Regex.CacheSize = 64;
        _schema = JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult();
    }

    public static SchemaValidator Default => Embedded.Value;

    /// <summary>Starts loading the embedded schema in the background (NJsonSchema takes a while to start), so that a
    /// command can read its files meanwhile.</summary>
    public static void Preload() => _ = Task.Run(() => Embedded.Value);

    public IEnumerable<Problem> Validate(string file, YamlMapping root, IReadOnlyDictionary<string, FieldLocation> locations)
    {
        var errors = _schema.Validate(YamlJson.ToJson(root));
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var error in Flatten(errors))
        {
            var (field, location) = Place(error, locations);

            // One sentence per field: "alpha" for a website breaks both the uri format and the pattern.
            if (reported.Add(field))
                yield return Problem.Error(file, location, field, Sentence(error, field));
        }
    }

    internal static string ReadEmbeddedSchema()
    {
        using var stream = typeof(SchemaValidator).Assembly.GetManifestResourceStream("community.schema.json")
            ?? throw new InvalidOperationException("The community schema is not embedded in the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            var children = error is ChildSchemaValidationError child ? child.Errors.SelectMany(e => e.Value).ToList() : [];
            if (children.Count == 0)
            {
                yield return error;
                continue;
            }

            foreach (var inner in Flatten(children))
                yield return inner;
        }
    }

    /// <summary>NJsonSchema paths look like <c>#/hubs[0].domain</c> (a key that is no identifier as <c>['a key']</c>);
    /// ours drop the <c>#/</c> and write every key after a dot.</summary>
    private static (string Field, SourceLocation Location) Place(ValidationError error, IReadOnlyDictionary<string, FieldLocation> locations)
    {
        var path = error.Path ?? "";
        if (path.StartsWith("#/", StringComparison.Ordinal))
            path = path[2..];
        else if (path == "#")
            path = "";
        path = QuotedKey().Replace(path, ".$1").TrimStart('.');

        if (error.Kind == ValidationErrorKind.PropertyRequired)
        {
            var parent = ParentOf(path);
            return (path, locations.TryGetValue(parent, out var owner) ? owner.Value : SourceLocation.Start);
        }

        if (locations.TryGetValue(path, out var here))
            return (path, error.Kind == ValidationErrorKind.NoAdditionalPropertiesAllowed ? here.Key : here.Value);
        return (path, SourceLocation.Start);
    }

    private static string ParentOf(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path[..dot];
    }

    private static string Sentence(ValidationError error, string field)
    {
        var schema = error.Schema;
        var name = LastSegment(field);
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired =>
                $"\"{name}\" is missing. {Describe(schema?.Properties.TryGetValue(name, out var p) == true ? p : null)}",
            ValidationErrorKind.NoAdditionalPropertiesAllowed =>
                $"\"{name}\" is not a field here{Suggest(name, schema)}. Check the spelling, or remove it.",
            ValidationErrorKind.NotInEnumeration =>
                $"This must be one of: {string.Join(", ", schema!.Enumeration.Select(v => v?.ToString()))}.",
            ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                or ValidationErrorKind.NoTypeValidates =>
                $"This should be {TypeWords(schema)}. {Describe(schema)}",
            ValidationErrorKind.PatternMismatch or ValidationErrorKind.UriExpected or ValidationErrorKind.HostnameExpected
                or ValidationErrorKind.DateExpected or ValidationErrorKind.DateTimeExpected =>
                $"This value is not in the expected form. {Describe(schema)}",
            ValidationErrorKind.EmailExpected =>
                "This is not a valid email address (it should look like name@example.org).",
            ValidationErrorKind.StringTooShort =>
                $"This is too short: at least {schema?.MinLength} characters.",
            ValidationErrorKind.StringTooLong =>
                $"This is too long: at most {schema?.MaxLength} characters.",
            ValidationErrorKind.TooFewItems =>
                $"This list needs at least {schema?.MinItems} {Entries(schema?.MinItems)}. {Describe(schema)}",
            ValidationErrorKind.TooManyItems =>
                $"This list may have at most {schema?.MaxItems} {Entries(schema?.MaxItems)}.",
            ValidationErrorKind.NumberTooSmall =>
                $"This number must be at least {Invariant(schema?.Minimum)}.",
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig =>
                $"This number must be at most {Invariant(schema?.Maximum)}.",
            _ => $"This value is not valid here ({error.Kind}). {Describe(schema)}",
        };
    }

    private static string Describe(JsonSchema? schema)
    {
        schema = schema?.ActualSchema;
        if (schema is null)
            return "";
        var description = schema.Description ?? "";
        var example = schema.ExtensionData is not null && schema.ExtensionData.TryGetValue("examples", out var raw) ? FirstExample(raw) : null;
        return example is null ? description : $"{description} For example: {example}";
    }

    /// <summary>The first example when it is a single value; lists and groups read badly in one sentence.</summary>
    private static string? FirstExample(object? raw)
    {
        var first = raw switch
        {
            JArray { Count: > 0 } array => array[0] is JValue value ? value.Value : null,
            object[] { Length: > 0 } items => items[0],
            _ => null,
        };
        return first switch
        {
            string text => text,
            bool flag => flag ? "true" : "false",
            long or int or double or decimal => Convert.ToString(first, CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    private static string TypeWords(JsonSchema? schema)
    {
        var type = schema?.ActualSchema.Type ?? JsonObjectType.None;
        var words = new List<string>();
        if (type.HasFlag(JsonObjectType.String))
            words.Add("text");
        if (type.HasFlag(JsonObjectType.Integer))
            words.Add("a whole number");
        else if (type.HasFlag(JsonObjectType.Number))
            words.Add("a number");
        if (type.HasFlag(JsonObjectType.Boolean))
            words.Add("true or false");
        if (type.HasFlag(JsonObjectType.Array))
            words.Add("a list (lines starting with \"- \")");
        if (type.HasFlag(JsonObjectType.Object))
            words.Add("a group of fields (indented \"field: value\" lines)");
        return words.Count == 0 ? "a different kind of value" : string.Join(" or ", words);
    }

    private static string Suggest(string name, JsonSchema? schema)
    {
        var known = schema?.ActualSchema.Properties.Keys ?? [];
        var best = known
            .Select(k => (Key: k, Distance: EditDistance(name, k)))
            .Where(k => k.Distance <= Math.Max(2, name.Length / 3))
            .OrderBy(k => k.Distance)
            .ThenBy(k => k.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Key is null ? "" : $" (did you mean \"{best.Key}\"?)";
    }

    private static int EditDistance(string a, string b)
    {
        if (a.Length > 64 || b.Length > 64)
            return int.MaxValue;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string LastSegment(string field)
    {
        var dot = field.LastIndexOf('.');
        return dot < 0 ? field : field[(dot + 1)..];
    }

    private static string Entries(int? count) => count == 1 ? "entry" : "entries";

    private static string Invariant(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    [GeneratedRegex(@"\['([^']*)'\]", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex QuotedKey();
}
