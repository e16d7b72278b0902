using System.Text.Json;

namespace Onboarding.Core.Configurator;

public enum ItemKind
{
    /// <summary>One fixed text for the tier.</summary>
#pragma warning disable CA1720 // The catalog calls this kind "single".
    Single,
#pragma warning restore CA1720

    /// <summary>Included in the tier or not; the community cannot change it.</summary>
    Flag,

    /// <summary>Options to choose from, one of them the default.</summary>
    Select,
}

public sealed record CatalogOption(string Value, string Label, Condition? Requires);

/// <summary>What one item offers in one tier.</summary>
public sealed record TierRule(ItemKind Kind, string? Text, bool Available, IReadOnlyList<CatalogOption> Options, string? Default, Condition? Requires)
{
    /// <summary>The value an item takes when a link says nothing about it (as the configurator page fills it in).</summary>
    public object DefaultValue => Kind switch
    {
        ItemKind.Flag => Available,
        ItemKind.Single => Text ?? "",
        _ => Default ?? (Options.Count > 0 ? Options[0].Value : ""),
    };
}

public sealed record CatalogItem(string Id, string Group, string Label, IReadOnlyDictionary<string, TierRule> PerTier);

/// <summary>The Hub Configurator's catalog: every item a community can choose, per service tier.</summary>
public sealed record Catalog(string Name, string Version, IReadOnlyList<CatalogItem> Items)
{
    public static IReadOnlyList<string> Tiers { get; } = ["Essential", "Advanced", "Premier"];

    /// <summary>The file the embedded catalog was copied from (its name in the configurator's <c>catalogs/</c> folder).</summary>
    private const string EmbeddedFileName = "catalog_20250825.json";

    private static readonly Lazy<Catalog> EmbeddedCatalog = new(LoadEmbedded);

    /// <summary>The catalog's file name where it is known, so that a link naming its catalog can be recognised.</summary>
    public string? FileName { get; init; }

    /// <summary>The catalog the links in manifests are made with (embedded copy of catalog_20250825.json).</summary>
    public static Catalog Embedded => EmbeddedCatalog.Value;

    public CatalogItem? Find(string id) => Items.FirstOrDefault(i => i.Id == id);

    /// <summary>Reads a catalog; it may have trailing commas, as the configurator's own reader allows.</summary>
    /// <exception cref="InvalidDataException">The text is not a catalog of the known shape.</exception>
    public static Catalog Parse(string json)
    {
        var options = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 32 };
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The catalog is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            var items = Property(root, "items", JsonValueKind.Array, "catalog");
            return new Catalog(
                OptionalString(root, "name") ?? "",
                OptionalString(root, "version") ?? "",
                [.. items.EnumerateArray().Select(ParseItem)]);
        }
    }

    private static Catalog LoadEmbedded()
    {
        using var stream = typeof(Catalog).Assembly.GetManifestResourceStream("catalog.json")
            ?? throw new InvalidOperationException("The Hub Configurator catalog is not embedded in the build.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd()) with { FileName = EmbeddedFileName };
    }

    private static CatalogItem ParseItem(JsonElement item)
    {
        var id = Property(item, "id", JsonValueKind.String, "catalog item").GetString()!;
        var perTier = new Dictionary<string, TierRule>(StringComparer.Ordinal);
        foreach (var tier in Property(item, "perTier", JsonValueKind.Object, id).EnumerateObject())
            perTier[tier.Name] = ParseRule(tier.Value, $"{id} ({tier.Name})");
        return new CatalogItem(id, OptionalString(item, "group") ?? "Other", OptionalString(item, "label") ?? id, perTier);
    }

    private static TierRule ParseRule(JsonElement rule, string where)
    {
        var kind = Property(rule, "kind", JsonValueKind.String, where).GetString() switch
        {
            "single" => ItemKind.Single,
            "flag" => ItemKind.Flag,
            "select" => ItemKind.Select,
            var other => throw new InvalidDataException($"The catalog's {where} has an unknown kind \"{other}\"."),
        };
        var available = rule.TryGetProperty("available", out var a) && a.ValueKind == JsonValueKind.True;
        var options = new List<CatalogOption>();
        if (rule.TryGetProperty("options", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var option in list.EnumerateArray())
            {
                // The page accepts bare strings as options, meaning value and label alike.
                if (option.ValueKind == JsonValueKind.String)
                {
                    options.Add(new CatalogOption(option.GetString()!, option.GetString()!, null));
                    continue;
                }

                var value = Property(option, "value", JsonValueKind.String, where).GetString()!;
                options.Add(new CatalogOption(value, OptionalString(option, "label") ?? value, OptionalCondition(option, where)));
            }
        }

        if (kind == ItemKind.Select && options.Count == 0)
            throw new InvalidDataException($"The catalog's {where} is a select without options.");
        return new TierRule(kind, OptionalString(rule, "text"), available, options, OptionalString(rule, "default"), OptionalCondition(rule, where));
    }

    private static Condition? OptionalCondition(JsonElement element, string where) =>
        element.TryGetProperty("requires", out var requires) && requires.ValueKind != JsonValueKind.Null
            ? Condition.Parse(requires, where)
            : null;

    internal static JsonElement Property(JsonElement element, string name, JsonValueKind kind, string where)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value) || value.ValueKind != kind)
            throw new InvalidDataException($"The catalog's {where} needs \"{name}\" ({kind.ToString().ToLowerInvariant()}).");
        return value;
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
