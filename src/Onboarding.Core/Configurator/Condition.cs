using System.Globalization;
using System.Text.Json;

namespace Onboarding.Core.Configurator;

public enum ConditionOp
{
    Truthy,
    Falsy,
    Eq,
    Neq,
    In,
    Nin,
    Gt,
    Gte,
    Lt,
    Lte,
}

/// <summary>
/// A catalog requirement on other selections. Evaluated as the configurator page does (JavaScript truthiness,
/// text comparison for eq/in, numeric comparison for gt/lt), so that a link means here what it meant there.
/// </summary>
public abstract record Condition
{
    /// <param name="values">The resolved selections: text for choices, booleans for flags; absent items are missing.</param>
    public abstract bool Holds(IReadOnlyDictionary<string, object> values);

    /// <summary>The condition in words, naming items by their labels.</summary>
    public abstract string Describe(Func<string, string> labelOf);

    internal const int MaxDepth = 8;

    internal static Condition Parse(JsonElement element, string where, int depth = 0)
    {
        if (depth > MaxDepth || element.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"The catalog's {where} has a requirement that is not a condition.");
        if (element.TryGetProperty("allOf", out var all))
            return new AllOf([.. List(all, where).Select(c => Parse(c, where, depth + 1))]);
        if (element.TryGetProperty("anyOf", out var any))
            return new AnyOf([.. List(any, where).Select(c => Parse(c, where, depth + 1))]);
        if (element.TryGetProperty("not", out var not))
            return new NotCondition(Parse(not, where, depth + 1));

        var id = Catalog.Property(element, "id", JsonValueKind.String, where).GetString()!;
        var opText = element.TryGetProperty("op", out var op) && op.ValueKind == JsonValueKind.String ? op.GetString()! : "eq";
        if (!Enum.TryParse<ConditionOp>(opText, ignoreCase: true, out var parsed) || !opText.All(char.IsAsciiLetterLower))
            throw new InvalidDataException($"The catalog's {where} has a requirement with an unknown op \"{opText}\".");
        JsonElement? value = element.TryGetProperty("value", out var v) ? v.Clone() : null;
        if (parsed is ConditionOp.In or ConditionOp.Nin && value is not { ValueKind: JsonValueKind.Array })
            throw new InvalidDataException($"The catalog's {where} has an \"{opText}\" requirement without a list of values.");
        return new Compare(id, parsed, value);
    }

    private static JsonElement.ArrayEnumerator List(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray()
            : throw new InvalidDataException($"The catalog's {where} combines requirements without a list.");
}

public sealed record AllOf(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool Holds(IReadOnlyDictionary<string, object> values) => Conditions.All(c => c.Holds(values));

    public override string Describe(Func<string, string> labelOf) => string.Join(" and ", Conditions.Select(c => Grouped(c, labelOf)));

    internal static string Grouped(Condition c, Func<string, string> labelOf) =>
        c is AllOf or AnyOf ? "(" + c.Describe(labelOf) + ")" : c.Describe(labelOf);
}

public sealed record AnyOf(IReadOnlyList<Condition> Conditions) : Condition
{
    public override bool Holds(IReadOnlyDictionary<string, object> values) => Conditions.Any(c => c.Holds(values));

    public override string Describe(Func<string, string> labelOf) => string.Join(" or ", Conditions.Select(c => AllOf.Grouped(c, labelOf)));
}

public sealed record NotCondition(Condition Condition) : Condition
{
    public override bool Holds(IReadOnlyDictionary<string, object> values) => !Condition.Holds(values);

    public override string Describe(Func<string, string> labelOf) => "not (" + Condition.Describe(labelOf) + ")";
}

/// <summary>One comparison of another item's value; <see cref="Value"/> is absent for truthy and falsy.</summary>
public sealed record Compare(string Id, ConditionOp Op, JsonElement? Value) : Condition
{
    public override bool Holds(IReadOnlyDictionary<string, object> values)
    {
        var present = values.TryGetValue(Id, out var left);
        return Op switch
        {
            ConditionOp.Truthy => present && Truthy(left!),
            ConditionOp.Falsy => !present || !Truthy(left!),
            ConditionOp.Eq => present && TextOf(left!) == TextOf(Value),
            ConditionOp.Neq => !present || TextOf(left!) != TextOf(Value),
            ConditionOp.In => present && Listed(left!),
            ConditionOp.Nin => !present || !Listed(left!),
            ConditionOp.Gt => present && NumberOf(left!) > NumberOf(Value),
            ConditionOp.Gte => present && NumberOf(left!) >= NumberOf(Value),
            ConditionOp.Lt => present && NumberOf(left!) < NumberOf(Value),
            ConditionOp.Lte => present && NumberOf(left!) <= NumberOf(Value),
            _ => false,
        };
    }

    public override string Describe(Func<string, string> labelOf)
    {
        ArgumentNullException.ThrowIfNull(labelOf);
        var label = labelOf(Id);
        var values = Value is { ValueKind: JsonValueKind.Array } list ? list.EnumerateArray().Select(TextOf).ToList() : [TextOf(Value)];
        var joined = string.Join(", ", values);
        return Op switch
        {
            ConditionOp.Truthy => $"{label} is chosen",
            ConditionOp.Falsy => $"{label} is not chosen",
            ConditionOp.Eq => $"{label} is {joined}",
            ConditionOp.Neq => $"{label} is not {joined}",
            ConditionOp.In => values.Count == 1 ? $"{label} is {joined}" : $"{label} is one of {joined}",
            ConditionOp.Nin => values.Count == 1 ? $"{label} is not {joined}" : $"{label} is none of {joined}",
            ConditionOp.Gt => $"{label} is more than {joined}",
            ConditionOp.Gte => $"{label} is at least {joined}",
            ConditionOp.Lt => $"{label} is less than {joined}",
            ConditionOp.Lte => $"{label} is at most {joined}",
            _ => label,
        };
    }

    private bool Listed(object left) =>
        Value is { ValueKind: JsonValueKind.Array } list && list.EnumerateArray().Any(v => TextOf(v) == TextOf(left));

    private static bool Truthy(object value) => value switch
    {
        bool b => b,
        string s => s.Length > 0,
        _ => false,
    };

    private static string TextOf(object value) => value switch
    {
        bool b => b ? "true" : "false",
        string s => s,
        _ => "",
    };

    private static string TextOf(JsonElement? value) => value is { } v ? TextOf(v) : "undefined";

    private static string TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        _ => value.GetRawText(),
    };

    // JavaScript's Number(): booleans are 0 and 1, blank text is 0, anything unreadable is NaN (never compares true).
    private static double NumberOf(object value) => value switch
    {
        bool b => b ? 1 : 0,
        string s when s.Trim().Length == 0 => 0,
        string s => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN,
        _ => double.NaN,
    };

    private static double NumberOf(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        { ValueKind: JsonValueKind.String } v => NumberOf(v.GetString()!),
        { ValueKind: JsonValueKind.True } => 1,
        { ValueKind: JsonValueKind.False } => 0,
        _ => double.NaN,
    };
}
