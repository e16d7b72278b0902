using System.Globalization;

namespace Onboarding.Core.Manifests;

/// <summary>
/// Reads the located YAML tree into <see cref="Community"/>. Lenient: a value of the wrong kind becomes null or empty
/// (the schema reports it), so the cross-file rules can still run on a manifest with schema errors.
/// </summary>
public static class CommunityBinder
{
    public static Community Bind(YamlMapping root) => new()
    {
        Name = Text(root, "name") ?? "",
        LongName = Text(root, "long_name") ?? "",
        Website = Text(root, "website"),
        GitHubOrganization = Text(root, "github_organization"),
        Logo = Text(root, "logo"),
        Context = Text(root, "context"),
        Representatives = People(root["representatives"]),
        TechnicalContacts = People(root["technical_contacts"]),
        Deals = Texts(root["deals"]),
        Configurator = Text(root, "configurator"),
        Notes = Text(root, "notes"),
        Transcript = Text(root, "transcript"),
        Cloud = root["cloud"] is YamlMapping cloud
            ? new CloudSettings(Text(cloud, "provider"), Text(cloud, "region"), Text(cloud, "account"), Text(cloud, "account_name"), Text(cloud, "billing"))
            : new CloudSettings(),
        Hubs = Items(root["hubs"]).OfType<YamlMapping>().Select(BindHub).ToList(),
    };

    /// <summary>A date as written, if it is a real calendar date.</summary>
    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static Hub BindHub(YamlMapping hub) => new()
    {
        Name = Text(hub, "name") ?? "",
        Domain = Text(hub, "domain") ?? "",
        Status = Text(hub, "status") switch
        {
            "deployed" => HubStatus.Deployed,
            "decommissioned" => HubStatus.Decommissioned,
            _ => HubStatus.Requested,
        },
        Requested = ParseDate(Text(hub, "requested")),
        Deployed = ParseDate(Text(hub, "deployed")),
        Url = Text(hub, "url"),
        Auth = hub["auth"] is YamlMapping auth
            ? new HubAuth(Text(auth, "method") ?? "", Texts(auth["organizations"]), Texts(auth["teams"]), Texts(auth["institutions"]), Texts(auth["admins"]))
            : null,
        Image = Text(hub, "image"),
        Gpu = hub["gpu"] is YamlMapping gpu ? new GpuAccess(Text(gpu, "type"), Text(gpu, "team") ?? "") : null,
        Resources = Texts(hub["resources"]),
        Dask = Flag(hub["dask"]),
        Buckets = hub["buckets"] is YamlMapping buckets ? new Buckets(Flag(buckets["scratch"]), Flag(buckets["persistent"])) : null,
        FundedBy = Text(hub, "funded_by"),
    };

    private static List<Person> People(YamlNode? node) =>
        Items(node).OfType<YamlMapping>()
            .Select(p => new Person(Text(p, "name") ?? "", Text(p, "email") ?? "", Text(p, "github")))
            .ToList();

    private static IEnumerable<YamlNode> Items(YamlNode? node) => node is YamlSequence sequence ? sequence.Items : [];

    private static List<string> Texts(YamlNode? node) =>
        Items(node).OfType<YamlScalar>().Where(s => !s.IsNull).Select(s => s.Value).ToList();

    private static string? Text(YamlMapping mapping, string key) =>
        mapping[key] is YamlScalar { IsNull: false } scalar ? scalar.Value : null;

    private static bool? Flag(YamlNode? node) => node switch
    {
        YamlScalar { IsPlain: true, Value: "true" or "True" or "TRUE" } => true,
        YamlScalar { IsPlain: true, Value: "false" or "False" or "FALSE" } => false,
        _ => null,
    };
}
