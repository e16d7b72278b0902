using System.Globalization;
using System.Text;

namespace Onboarding.Sandbox.Prometheus;

/// <summary>
/// Ways a community's Prometheus (which may run in a cloud account the community controls) can answer a range query
/// with a body that is not what Prometheus gives: each answers 200 with one user, <c>mallory</c>, but for the one thing
/// that is wrong. Tests make one community's Prometheus answer so (<see cref="PrometheusEmulator.AnswerBadly"/>).
/// </summary>
public enum PrometheusBadAnswer
{
    /// <summary>An HTML page instead of JSON.</summary>
    NotJson,

    /// <summary><c>"status": 1</c>.</summary>
    StatusNotAString,

    /// <summary><c>"status": "pending"</c>.</summary>
    StatusNotSuccess,

    /// <summary>A vector (<c>value</c>) where a matrix (<c>values</c>) was asked for.</summary>
    WrongResultType,

    /// <summary><c>"result": {}</c>.</summary>
    ResultNotAList,

    /// <summary>A point that is <c>[time]</c> alone.</summary>
    PointNotAPair,

    /// <summary>A time as a string.</summary>
    TimeAString,

    /// <summary>A time of 1e300 seconds.</summary>
    TimeHuge,

    /// <summary>A time a year before the range asked about.</summary>
    TimeOutsideRange,

    /// <summary>Two points at the same time.</summary>
    TimeRepeated,

    /// <summary>The value <c>"NaN"</c>.</summary>
    ValueNaN,

    /// <summary>The value <c>"+Inf"</c>.</summary>
    ValueInfinite,

    /// <summary>The value <c>"-1"</c>.</summary>
    ValueNegative,

    /// <summary>The value <c>"1e308"</c>.</summary>
    ValueHuge,

    /// <summary>The value <c>"lots"</c>.</summary>
    ValueNotANumber,

    /// <summary>The value as a JSON number instead of a string.</summary>
    ValueNotAString,

    /// <summary>The user label as a number.</summary>
    UserNotAString,

    /// <summary>The same user in two series.</summary>
    UserRepeated,

    /// <summary>50,001 users: more series than users a hub could have had.</summary>
    TooManySeries,

    /// <summary>One series with more points than the range has steps.</summary>
    TooManyPoints,

    /// <summary>An answer that is valid but for 17 MiB of padding.</summary>
    HugeBody,
}

/// <summary>The bodies of <see cref="PrometheusBadAnswer"/>.</summary>
internal static class PrometheusBadAnswers
{
    private const string User = "annotation_hub_jupyter_org_username";

    /// <param name="start">The start of the range asked about, in Unix seconds, so that what is not the fault is valid.</param>
    public static string Body(PrometheusBadAnswer kind, decimal start)
    {
        var t = start.ToString(CultureInfo.InvariantCulture);
        var later = (start + 300).ToString(CultureInfo.InvariantCulture);
        return kind switch
        {
            PrometheusBadAnswer.NotJson => "<html><body>It works!</body></html>",
            PrometheusBadAnswer.StatusNotAString => Envelope(Series("mallory", $"[{t},\"1\"]")).Replace("\"status\":\"success\"", "\"status\":1", StringComparison.Ordinal),
            PrometheusBadAnswer.StatusNotSuccess => Envelope(Series("mallory", $"[{t},\"1\"]")).Replace("\"status\":\"success\"", "\"status\":\"pending\"", StringComparison.Ordinal),
            PrometheusBadAnswer.WrongResultType => $"{{\"status\":\"success\",\"data\":{{\"resultType\":\"vector\",\"result\":[{{\"metric\":{{\"{User}\":\"mallory\"}},\"value\":[{t},\"1\"]}}]}}}}",
            PrometheusBadAnswer.ResultNotAList => "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":{}}}",
            PrometheusBadAnswer.PointNotAPair => Envelope(Series("mallory", $"[{t}]")),
            PrometheusBadAnswer.TimeAString => Envelope(Series("mallory", $"[\"{t}\",\"1\"]")),
            PrometheusBadAnswer.TimeHuge => Envelope(Series("mallory", "[1e300,\"1\"]")),
            PrometheusBadAnswer.TimeOutsideRange => Envelope(Series("mallory", $"[{(start - 365 * 86400).ToString(CultureInfo.InvariantCulture)},\"1\"]")),
            PrometheusBadAnswer.TimeRepeated => Envelope(Series("mallory", $"[{t},\"1\"],[{t},\"1\"]")),
            PrometheusBadAnswer.ValueNaN => Envelope(Series("mallory", $"[{t},\"NaN\"]")),
            PrometheusBadAnswer.ValueInfinite => Envelope(Series("mallory", $"[{t},\"+Inf\"]")),
            PrometheusBadAnswer.ValueNegative => Envelope(Series("mallory", $"[{t},\"-1\"]")),
            PrometheusBadAnswer.ValueHuge => Envelope(Series("mallory", $"[{t},\"1e308\"]")),
            PrometheusBadAnswer.ValueNotANumber => Envelope(Series("mallory", $"[{t},\"lots\"]")),
            PrometheusBadAnswer.ValueNotAString => Envelope(Series("mallory", $"[{t},1]")),
            PrometheusBadAnswer.UserNotAString => Envelope($"{{\"metric\":{{\"{User}\":42}},\"values\":[[{t},\"1\"]]}}"),
            PrometheusBadAnswer.UserRepeated => Envelope(Series("mallory", $"[{t},\"1\"]") + "," + Series("mallory", $"[{later},\"1\"]")),
            PrometheusBadAnswer.TooManySeries => Envelope(string.Join(",", Enumerable.Range(1, 50_001).Select(n => Series($"user-{n}", $"[{t},\"1\"]")))),
            // A point a second apart: inside the range, each after the one before, but more than its 5-minute steps.
            PrometheusBadAnswer.TooManyPoints => Envelope(Series("mallory", string.Join(",", Enumerable.Range(0, 4_100).Select(n => $"[{(start + n).ToString(CultureInfo.InvariantCulture)},\"1\"]")))),
            PrometheusBadAnswer.HugeBody => Envelope(Series("mallory", $"[{t},\"1\"]")).Replace("{\"status\"", "{\"padding\":\"" + new string(' ', 17 * 1024 * 1024) + "\",\"status\"", StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a bad answer the emulator knows."),
        };
    }

    private static string Series(string user, string points) => $"{{\"metric\":{{\"{User}\":\"{user}\"}},\"values\":[{points}]}}";

    private static string Envelope(string series) =>
        new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[").Append(series).Append("]}}").ToString();
}
