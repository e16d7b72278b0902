using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Onboarding.Sandbox.HubSpot;

/// <summary>
/// The granular scopes of a private app token, and which one each request the emulator serves needs. HubSpot refuses a
/// request whose scope the token lacks with 403 <c>MISSING_SCOPES</c>, naming the scope in
/// <c>errors[].context.requiredGranularScopes</c>, before it looks at the request any further.
/// </summary>
/// <remarks>
/// Objects need <c>crm.objects.&lt;kind&gt;.read</c> or <c>.write</c> (notes, an engagement, go by contacts' scopes);
/// properties need <c>crm.schemas.&lt;kind&gt;.read</c> or <c>.write</c>; object schemas need
/// <c>crm.schemas.custom.read</c>; associations and their labels need the objects' scope of both sides; deal pipelines
/// need <c>crm.objects.deals.read</c>. Reads are GET, search and batch read; everything else writes.
/// </remarks>
public static class HubSpotScopes
{
    public const string CustomRead = "crm.objects.custom.read";
    public const string CustomWrite = "crm.objects.custom.write";
    public const string ContactsRead = "crm.objects.contacts.read";
    public const string ContactsWrite = "crm.objects.contacts.write";
    public const string DealsRead = "crm.objects.deals.read";
    public const string DealsWrite = "crm.objects.deals.write";
    public const string CompaniesRead = "crm.objects.companies.read";
    public const string CompaniesWrite = "crm.objects.companies.write";
    public const string CustomSchemasRead = "crm.schemas.custom.read";
    public const string CustomSchemasWrite = "crm.schemas.custom.write";
    public const string ContactSchemasRead = "crm.schemas.contacts.read";
    public const string ContactSchemasWrite = "crm.schemas.contacts.write";
    public const string DealSchemasRead = "crm.schemas.deals.read";
    public const string DealSchemasWrite = "crm.schemas.deals.write";
    public const string CompanySchemasRead = "crm.schemas.companies.read";
    public const string CompanySchemasWrite = "crm.schemas.companies.write";

    /// <summary>Every scope the emulator knows; a token the seed gives no scopes of its own has them all.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CustomRead, CustomWrite, ContactsRead, ContactsWrite, DealsRead, DealsWrite, CompaniesRead, CompaniesWrite,
        CustomSchemasRead, CustomSchemasWrite, ContactSchemasRead, ContactSchemasWrite, DealSchemasRead, DealSchemasWrite,
        CompanySchemasRead, CompanySchemasWrite,
    ];

    /// <summary><see cref="All"/> but <paramref name="missing"/>: the scopes of a token made without them.</summary>
    public static IReadOnlyList<string> AllBut(params string[] missing) => [.. All.Except(missing, StringComparer.Ordinal)];

    /// <summary>The scopes <paramref name="method"/> <paramref name="path"/> needs, in the order HubSpot checks them; empty for a path it does not serve.</summary>
    public static IReadOnlyList<string> Required(string method, string path)
    {
        var parts = path.Trim('/').Split('/');
        var write = !IsRead(method, parts);
        return parts switch
        {
            ["crm", "v3", "objects", var type, ..] => Objects(type, write),
            ["crm", "v4", "objects", var from, _, "associations", "default", var to, ..] => [.. Objects(from, write), .. Objects(to, write)],
            ["crm", "v4", "objects", var from, _, "associations", var to, ..] => [.. Objects(from, write), .. Objects(to, write)],
            ["crm", "v4", "associations", var from, var to, ..] => [.. Objects(from, write), .. Objects(to, write)],
            ["crm", "associations", "v4", var from, var to, ..] => [.. Objects(from, write), .. Objects(to, write)],
            ["crm", "v3", "properties", var type, ..] => Schemas(type, write),
            ["crm", "v3", "pipelines", "deals" or "0-3", ..] => [write ? DealsWrite : DealsRead],
            ["crm-object-schemas", "v3", "schemas", ..] or ["crm", "v3", "schemas", ..] => [write ? CustomSchemasWrite : CustomSchemasRead],
            _ => [],
        };
    }

    /// <summary>HubSpot's 403 for a token without <paramref name="scope"/>.</summary>
    internal static HubSpotProblem Missing(string scope) =>
        new(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.")
        {
            Errors =
            [
                new JsonObject
                {
                    ["message"] = "One or more of the following scopes are required.",
                    ["context"] = new JsonObject { ["requiredGranularScopes"] = new JsonArray(scope) },
                },
            ],
            Links = new Dictionary<string, string>(StringComparer.Ordinal) { ["scopes"] = "https://developers.hubspot.com/scopes" },
        };

    private static bool IsRead(string method, string[] parts) =>
        HttpMethods.IsGet(method)
        || (HttpMethods.IsPost(method) && parts.Length > 0 && (parts[^1] == "search" || (parts[^1] == "read" && parts.Length > 1 && parts[^2] == "batch")));

    private static string[] Objects(string type, bool write) => Kind(type) switch
    {
        "custom" => [write ? CustomWrite : CustomRead],
        "contacts" or "notes" => [write ? ContactsWrite : ContactsRead],
        "deals" => [write ? DealsWrite : DealsRead],
        "companies" => [write ? CompaniesWrite : CompaniesRead],
        _ => [],
    };

    private static string[] Schemas(string type, bool write) => Kind(type) switch
    {
        "custom" => [write ? CustomSchemasWrite : CustomSchemasRead],
        "contacts" => [write ? ContactSchemasWrite : ContactSchemasRead],
        "deals" => [write ? DealSchemasWrite : DealSchemasRead],
        "companies" => [write ? CompanySchemasWrite : CompanySchemasRead],
        _ => [],
    };

    private static string Kind(string type) => type.ToLowerInvariant() switch
    {
        "contacts" or "contact" or "0-1" => "contacts",
        "companies" or "company" or "0-2" => "companies",
        "deals" or "deal" or "0-3" => "deals",
        "notes" or "note" or "0-46" => "notes",
        var t when t.StartsWith("2-", StringComparison.Ordinal) || (t.StartsWith('p') && t.Contains('_', StringComparison.Ordinal)) => "custom",
        _ => "",
    };
}
