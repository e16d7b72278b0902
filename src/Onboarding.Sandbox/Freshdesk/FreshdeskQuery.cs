using System.Globalization;
using System.Text.Json.Nodes;
using Onboarding.Sandbox.Infrastructure;

namespace Onboarding.Sandbox.Freshdesk;

/// <summary>How Freshdesk reads query parameters (unknown ones refused) and pages its lists; shared by its stores.</summary>
internal static class FreshdeskQuery
{
    private const int MaxPerPage = 100;
    private const int DefaultPerPage = 30;

    public static HashSet<string> Includes(IReadOnlyDictionary<string, string> query, params string[] allowed)
    {
        var values = (query.GetValueOrDefault("include") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        var unknown = values.Where(v => !allowed.Contains(v)).ToList();
        if (unknown.Count > 0)
            throw FreshdeskProblem.Validation(new FreshdeskFieldError("include", $"It should be one of these values: '{string.Join(",", allowed)}'", "invalid_value"));
        return values;
    }

    public static void RejectUnknown(IReadOnlyDictionary<string, string> query, params string[] allowed)
    {
        var unknown = query.Keys.Where(k => !allowed.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw FreshdeskProblem.Validation(unknown.Select(k => new FreshdeskFieldError(k, "Unexpected/invalid field in request", "invalid_field")));
    }

    public static (int Page, int PerPage) Paging(IReadOnlyDictionary<string, string> query)
    {
        var page = 1;
        var perPage = DefaultPerPage;
        var errors = new List<FreshdeskFieldError>();
        if (query.TryGetValue("page", out var pageText) && (!int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
            errors.Add(new FreshdeskFieldError("page", "It should be a Positive Integer", "invalid_value"));
        if (query.TryGetValue("per_page", out var perPageText)
            && (!int.TryParse(perPageText, NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage < 1 || perPage > MaxPerPage))
        {
            errors.Add(new FreshdeskFieldError("per_page", $"It should be a Positive Integer less than or equal to {MaxPerPage}", "invalid_value"));
        }

        if (errors.Count > 0)
            throw FreshdeskProblem.Validation(errors);
        return (page, perPage);
    }

    public static long? OptionalLong(IReadOnlyDictionary<string, string> query, string name)
    {
        if (!query.TryGetValue(name, out var text))
            return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
            return value;
        throw FreshdeskProblem.Validation(new FreshdeskFieldError(name, "It should be a/an Positive Integer", "datatype_mismatch"));
    }

    public static DateTimeOffset? OptionalTime(IReadOnlyDictionary<string, string> query, string name)
    {
        if (!query.TryGetValue(name, out var text))
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value.ToUniversalTime();
        throw FreshdeskProblem.Validation(new FreshdeskFieldError(name, "It should be in the 'valid date time' format", "invalid_value"));
    }

    /// <summary>One page of a list as a JSON array; the emulator adds <c>Link: rel="next"</c> when more pages exist.</summary>
    public static EmulatorResponse Page<T>(IEnumerable<T> items, int page, int perPage, Func<T, JsonObject> toJson)
    {
        var all = items.ToList();
        var array = new JsonArray([.. all.Skip((page - 1) * perPage).Take(perPage).Select(item => (JsonNode)toJson(item))]);
        return new EmulatorResponse(200, array) { Page = new ListPage(page, perPage, all.Count) };
    }
}
