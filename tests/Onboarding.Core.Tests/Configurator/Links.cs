using System.Text;
using System.Text.Json;
using Onboarding.Core.Configurator;

namespace Onboarding.Core.Tests.Configurator;

/// <summary>Builds share links the way the configurator page does: base64url of the state, without padding.</summary>
internal static class Links
{
    public const string Page = "https://2i2c.org/hub-configurator/?state=";

    public static string Of(string stateJson) => Page + Encode(Encoding.UTF8.GetBytes(stateJson));

    public static string Encode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The link of one tier with the given selections (a JSON object's members).</summary>
    public static string Tier(string tier, string selections = "") =>
        Of("{\"tier\":\"" + tier + "\",\"selections\":{\"" + tier + "\":{" + selections + "}}}");

    /// <summary>
    /// The link the page makes: it fills in every item of the catalog for all three tiers (the tier's default, null
    /// where an item has nothing in a tier; a flag as the tier has it) and then writes the choices made on top.
    /// </summary>
    public static string AsThePageBuilds(Catalog catalog, string tier, IReadOnlyDictionary<string, object> chosen)
    {
        var selections = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var t in Catalog.Tiers)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var item in catalog.Items)
                values[item.Id] = item.PerTier.TryGetValue(t, out var rule) ? PageDefault(rule) : null;
            selections[t] = values;
        }

        foreach (var (id, value) in chosen)
            selections[tier][id] = value;
        return Of(JsonSerializer.Serialize(new { tier, selections }));
    }

    // The page's own defaults: a single's text (null without one), a flag's availability, a select's default or first option.
    private static object? PageDefault(TierRule rule) => rule.Kind switch
    {
        ItemKind.Single => rule.Text,
        ItemKind.Flag => rule.Available,
        _ => rule.Default ?? rule.Options[0].Value,
    };
}
