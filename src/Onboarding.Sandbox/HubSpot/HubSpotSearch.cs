using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Onboarding.Sandbox.Infrastructure;
using static Onboarding.Sandbox.HubSpot.HubSpotJson;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>CRM search: filter groups, a free-text query, sorts and offset paging over the (lagging) search index.</summary>
internal sealed class HubSpotSearch(HubSpotStore store)
{
    public const int MaxSearchLimit = 200;
    public const int MaxFilterGroups = 6;

    private static readonly string[] Operators =
        ["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"];

    private sealed record Filter(PropertyState Property, string Operator, string? Value, string? HighValue, List<string> Values);

    /// <summary>Search reads the index, which shows each record as it was <see cref="HubSpotStore.SearchLag"/> ago. Changes nothing.</summary>
    public EmulatorResponse Search(string objectType, JsonNode? body)
    {
        var schema = store.Resolve(objectType);
        var input = RequireObject(body, "PublicObjectSearchRequest");
        var groups = ReadFilterGroups(schema, input["filterGroups"]);
        var properties = StringList(input["properties"]);
        var query = OptionalString(input, "query");
        var limit = input["limit"] is JsonValue lv && lv.TryGetValue<int>(out var l) ? l : (int?)null;
        var take = CheckLimit(limit, 10, MaxSearchLimit);
        var afterText = OptionalString(input, "after");
        var offset = 0;
        if (!string.IsNullOrEmpty(afterText) && (!int.TryParse(afterText, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
            throw HubSpotProblem.Validation($"Invalid 'after' paging cursor: {afterText}");
        var now = store.Now;
        var visible = new List<(ObjectRecordState Record, IndexedVersionState Version)>();
        foreach (var record in store.State.Records[schema.ObjectTypeId].Values)
        {
            var version = record.Index.LastOrDefault(v => v.VisibleAt <= now);
            if (version is null || version.Archived)
                continue;
            if (groups.Count > 0 && !groups.Exists(g => g.TrueForAll(f => Matches(f, version.Properties.GetValueOrDefault(f.Property.Name)))))
                continue;
            if (!string.IsNullOrWhiteSpace(query) && !MatchesQuery(schema, version, query))
                continue;
            visible.Add((record, version));
        }

        var ordered = Sort(schema, visible, input["sorts"]);
        var page = ordered.Skip(offset).Take(take).ToList();
        var results = new JsonArray();
        foreach (var (record, version) in page)
        {
            var updated = version.Properties.TryGetValue("hs_lastmodifieddate", out var m) || version.Properties.TryGetValue("lastmodifieddate", out m)
                ? DateTimeOffset.Parse(m, CultureInfo.InvariantCulture)
                : record.UpdatedAt;
            results.Add(HubSpotStore.RenderValues(schema, record.Id, version.Properties, record.CreatedAt, updated, false, null, properties.Count == 0 ? null : properties));
        }

        var response = new JsonObject { ["total"] = ordered.Count, ["results"] = results };
        if (offset + take < ordered.Count)
        {
            var next = (offset + take).ToString(CultureInfo.InvariantCulture);
            response["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = next } };
        }

        return new EmulatorResponse(200, response);
    }

    private static List<List<Filter>> ReadFilterGroups(ObjectSchemaState schema, JsonNode? node)
    {
        if (node is null)
            return [];
        if (node is not JsonArray groups)
            throw HubSpotProblem.Validation("Invalid input JSON: 'filterGroups' must be a list");
        if (groups.Count > MaxFilterGroups)
            throw HubSpotProblem.Validation($"Too many filter groups: {groups.Count}. A search takes at most {MaxFilterGroups} filterGroups.");
        var result = new List<List<Filter>>();
        foreach (var group in groups)
        {
            if (group is not JsonObject g || g["filters"] is not JsonArray filters)
                throw HubSpotProblem.Validation("Invalid input JSON: every filter group needs 'filters'");
            var list = new List<Filter>();
            foreach (var f in filters)
            {
                if (f is not JsonObject filter)
                    throw HubSpotProblem.Validation("Invalid input JSON: every filter must be an object");
                var name = RequiredString(filter, "propertyName", "Filter");
                var op = RequiredString(filter, "operator", "Filter");
                if (!Operators.Contains(op))
                    throw HubSpotProblem.Validation($"Invalid input JSON: operator {op} is not one of {string.Join(", ", Operators)}");
                var property = schema.Properties.Find(p => p.Name == name)
                    ?? throw HubSpotProblem.Validation($"There was a problem with the request: property {name} does not exist on {schema.FullyQualifiedName}");
                var values = filter["values"] is JsonArray arr ? [.. arr.Select(v => v is JsonValue jv ? (jv.TryGetValue<string>(out var s) ? s : jv.ToJsonString()) : "")] : new List<string>();
                var value = filter["value"] is JsonValue val ? (val.TryGetValue<string>(out var s) ? s : val.ToJsonString()) : null;
                var high = OptionalString(filter, "highValue");
                var needsValue = op is not ("HAS_PROPERTY" or "NOT_HAS_PROPERTY" or "IN" or "NOT_IN");
                if (needsValue && value is null)
                    throw HubSpotProblem.Validation($"Invalid input JSON: operator {op} on {name} needs a 'value'");
                if (op is "IN" or "NOT_IN" && values.Count == 0)
                    throw HubSpotProblem.Validation($"Invalid input JSON: operator {op} on {name} needs 'values'");
                if (op == "BETWEEN" && high is null)
                    throw HubSpotProblem.Validation($"Invalid input JSON: operator BETWEEN on {name} needs a 'highValue'");
                list.Add(new Filter(property, op, value, high, values));
            }

            result.Add(list);
        }

        return result;
    }

    private static bool Matches(Filter filter, string? actual)
    {
        var has = !string.IsNullOrEmpty(actual);
        return filter.Operator switch
        {
            "EQ" => has && Compare(filter.Property, actual!, filter.Value!) == 0,
            "NEQ" => !has || Compare(filter.Property, actual!, filter.Value!) != 0,
            "LT" => has && Compare(filter.Property, actual!, filter.Value!) < 0,
            "LTE" => has && Compare(filter.Property, actual!, filter.Value!) <= 0,
            "GT" => has && Compare(filter.Property, actual!, filter.Value!) > 0,
            "GTE" => has && Compare(filter.Property, actual!, filter.Value!) >= 0,
            "BETWEEN" => has && Compare(filter.Property, actual!, filter.Value!) >= 0 && Compare(filter.Property, actual!, filter.HighValue!) <= 0,
            "IN" => has && filter.Values.Exists(v => Compare(filter.Property, actual!, v) == 0),
            "NOT_IN" => !has || !filter.Values.Exists(v => Compare(filter.Property, actual!, v) == 0),
            "HAS_PROPERTY" => has,
            "NOT_HAS_PROPERTY" => !has,
            "CONTAINS_TOKEN" => has && ContainsToken(actual!, filter.Value!),
            "NOT_CONTAINS_TOKEN" => !has || !ContainsToken(actual!, filter.Value!),
            _ => false,
        };
    }

    /// <summary>Numbers and dates compare by value; text compares case-insensitively.</summary>
    private static int Compare(PropertyState property, string actual, string wanted)
    {
        if (property.Type is "datetime" or "date" && ToEpoch(actual) is { } a && ToEpoch(wanted) is { } w)
            return a.CompareTo(w);
        if (property.Type == "number"
            && decimal.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(wanted, NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
            return x.CompareTo(y);
        return string.Compare(actual, wanted, StringComparison.OrdinalIgnoreCase);
    }

    private static long? ToEpoch(string value)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
            return ms;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUnixTimeMilliseconds() : null;
    }

    /// <summary>A token is a run of letters and digits; <c>*</c> in the wanted value matches any characters.</summary>
    private static bool ContainsToken(string actual, string wanted)
    {
        var tokens = Regex.Split(actual.ToLowerInvariant(), @"[^\p{L}\p{N}]+", RegexOptions.None, TimeSpan.FromSeconds(1)).Where(t => t.Length > 0).ToList();
        var pattern = "^" + Regex.Escape(wanted.ToLowerInvariant()).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
        if (wanted.Contains('*', StringComparison.Ordinal) && Regex.IsMatch(actual.ToLowerInvariant(), pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            return true;
        var wantedTokens = Regex.Split(wanted.ToLowerInvariant(), @"[^\p{L}\p{N}*]+", RegexOptions.None, TimeSpan.FromSeconds(1)).Where(t => t.Length > 0).ToList();
        return wantedTokens.Count > 0 && wantedTokens.TrueForAll(w =>
        {
            var p = "^" + Regex.Escape(w).Replace("\\*", ".*", StringComparison.Ordinal) + "$";
            return tokens.Exists(t => Regex.IsMatch(t, p, RegexOptions.None, TimeSpan.FromSeconds(1)));
        });
    }

    private static bool MatchesQuery(ObjectSchemaState schema, IndexedVersionState version, string query) =>
        schema.SearchableProperties.Exists(p => version.Properties.TryGetValue(p, out var v) && v.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase));

    private static List<(ObjectRecordState Record, IndexedVersionState Version)> Sort(
        ObjectSchemaState schema,
        List<(ObjectRecordState Record, IndexedVersionState Version)> items,
        JsonNode? sorts)
    {
        var byId = items.OrderBy(i => IdNumber(i.Record.Id)).ToList();
        if (sorts is not JsonArray { Count: > 0 } list)
            return byId;
        var (name, descending) = list[0] switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) => (s.TrimStart('-'), s.StartsWith('-')),
            JsonObject o => (OptionalString(o, "propertyName") ?? "", string.Equals(OptionalString(o, "direction"), "DESCENDING", StringComparison.OrdinalIgnoreCase)),
            _ => throw HubSpotProblem.Validation("Invalid input JSON: a sort is a property name or {propertyName, direction}"),
        };
        var property = schema.Properties.Find(p => p.Name == name)
            ?? throw HubSpotProblem.Validation($"There was a problem with the request: cannot sort by unknown property {name}");
        var comparer = Comparer<string?>.Create((a, b) => (a, b) switch
        {
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => Compare(property, a, b),
        });
        var sorted = byId.OrderBy(i => i.Version.Properties.GetValueOrDefault(name), comparer).ToList();
        if (descending)
            sorted.Reverse();
        return sorted;
    }
}
