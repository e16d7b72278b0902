using System.Text;
using System.Text.Json;

namespace Onboarding.Core.Configurator;

/// <summary>One item of the active tier as the link resolves it.</summary>
/// <param name="Value">The option value or fixed text; <c>true</c> or <c>false</c> for a flag.</param>
/// <param name="ValueLabel">What the configurator page shows for the value.</param>
/// <param name="IsDefault">The link said nothing about the item, so it takes the catalog's default.</param>
public sealed record ConfiguratorSelection(string Id, string Group, string Label, ItemKind Kind, string Value, string ValueLabel, bool IsDefault);

/// <summary>The catalog a link says it was made with; the page writes one only when it was opened with <c>?catalog=</c>.</summary>
/// <param name="Address">As the link gives it (cut short and on one line, since it is untrusted text).</param>
/// <param name="Known">Whether it is the catalog the program reads the link with.</param>
public sealed record LinkCatalog(string Address, bool Known);

/// <summary>A decoded configurator link: the tier and every item that applies to it, in catalog order.</summary>
public sealed record ConfiguratorSelections(string Tier, string CatalogVersion, IReadOnlyList<ConfiguratorSelection> Items)
{
    /// <summary>The catalog the link names, if it names one.</summary>
    public LinkCatalog? MadeWith { get; init; }

    public ConfiguratorSelection? Find(string id) => Items.FirstOrDefault(i => i.Id == id);
}

/// <summary>The selections, or the sentences that say what is wrong with the link.</summary>
public sealed record ConfiguratorResult(ConfiguratorSelections? Selections, IReadOnlyList<string> Errors)
{
    /// <summary>Parts of the link that were ignored (an id the catalog does not have, a catalog the program does not
    /// know); the link still reads, and <c>validate</c> shows them as warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What a reader of the plan should know about the selections: items that do not count because their
    /// requirement does not hold, and fixed texts shown as the link gives them.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool IsValid => Selections is not null && Errors.Count == 0;
}

/// <summary>Reads Hub Configurator share links: <c>...?state=</c> base64url of the page's JSON state.</summary>
public static class HubConfigurator
{
    /// <summary>A real state is a few kilobytes; anything near this is not from the page.</summary>
    public const int MaxStateBytes = 64 * 1024;

    private const int MaxJsonDepth = 8;
    private const string Damaged = "The configurator link is damaged";

    /// <summary>Ids older catalogs used for items the current one has under another id.</summary>
    private static readonly Dictionary<string, string> FormerIds = new(StringComparer.Ordinal) { ["cluster:csp"] = "cluster:provider" };

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static ConfiguratorResult Read(string link, Catalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        catalog ??= Catalog.Embedded;
        var (bytes, error) = StateBytes(link);
        if (error is not null)
            return Failed(error);

        if (NestingExceeds(bytes, MaxJsonDepth))
            return Failed($"{Damaged}: its state is nested deeper than a configuration ever is.");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = MaxJsonDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return Failed($"{Damaged}: its state is not valid JSON. Copy the link again from the configurator page.");
        }

        using (document)
            return Resolve(document.RootElement, catalog);
    }

    /// <summary>The decoded bytes of <c>state=</c>, or the sentence that says why there are none.</summary>
    internal static (byte[] Bytes, string? Error) StateBytes(string link)
    {
        // Base64 grows data by 4/3; a link much longer than the largest state we accept is refused unread.
        var maxEncoded = (MaxStateBytes + 2) / 3 * 4;
        if (link.Length > maxEncoded + 4096)
            return ([], $"The configurator link is too long ({link.Length} characters); a real one is a few thousand at most.");
        if (!Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            return ([], $"\"{Shown(link)}\" is not a link; paste the whole share link from the Hub Configurator (https://...?state=...).");

        string? state = null;
        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && Uri.UnescapeDataString(pair[..equals]) == "state")
            {
                state = Uri.UnescapeDataString(pair[(equals + 1)..]);
                break;
            }
        }

        if (string.IsNullOrEmpty(state))
            return ([], "The configurator link has no state=...; copy the share link from the Hub Configurator page after making the choices.");
        if (state.Length > maxEncoded)
            return ([], $"The configurator link's state is too large ({state.Length} characters; at most {maxEncoded}).");

        var text = state.TrimEnd('=');
        var bad = text.AsSpan().IndexOfAnyExcept(Base64UrlAlphabet);
        if (bad >= 0)
            return ([], $"{Damaged}: its state has \"{Shown(text[bad].ToString())}\" at position {bad + 1}, which base64url text never has. Copy the link again.");
        if (text.Length % 4 == 1 || state.Length - text.Length > 2)
            return ([], $"{Damaged}: its state is cut off or padded wrongly. Copy the whole link again.");

        var standard = new StringBuilder(text.Length + 3).Append(text).Replace('-', '+').Replace('_', '/');
        standard.Append('=', (4 - (text.Length % 4)) % 4);
        var bytes = new byte[standard.Length / 4 * 3];
        if (!Convert.TryFromBase64String(standard.ToString(), bytes, out var written))
            return ([], $"{Damaged}: its state is not base64url text. Copy the whole link again.");
        bytes = bytes[..written];

        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(bytes);
        }
        catch (DecoderFallbackException)
        {
            return ([], $"{Damaged}: its state does not decode to text. Copy the whole link again.");
        }

        return (bytes, null);
    }

    /// <summary>Whether brackets outside strings nest deeper than <paramref name="max"/>; says nothing of validity.</summary>
    private static bool NestingExceeds(ReadOnlySpan<byte> json, int max)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                if (b == (byte)'\\')
                    i++;
                else if (b == (byte)'"')
                    inString = false;
            }
            else if (b == (byte)'"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                if (++depth > max)
                    return true;
            }
            else if (b is (byte)'}' or (byte)']')
            {
                depth--;
            }
        }

        return false;
    }

    private static ConfiguratorResult Resolve(JsonElement root, Catalog catalog)
    {
        if (root.ValueKind != JsonValueKind.Object)
            return Failed($"{Damaged}: its state is not a configuration (it should hold a tier and selections).");

        var tiers = string.Join(", ", Catalog.Tiers);
        if (!root.TryGetProperty("tier", out var tierElement) || tierElement.ValueKind != JsonValueKind.String)
            return Failed($"The configurator link names no tier; it should be one of {tiers}.");
        var tier = tierElement.GetString()!;
        if (!Catalog.Tiers.Contains(tier))
            return Failed($"The configurator link's tier \"{Shown(tier)}\" is not one of {tiers}.");
        if (root.TryGetProperty("catalog", out var catalogUrl) && catalogUrl.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            return Failed($"{Damaged}: its catalog is not a link.");

        var given = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("selections", out var selections) && selections.ValueKind != JsonValueKind.Null)
        {
            if (selections.ValueKind != JsonValueKind.Object)
                return Failed($"{Damaged}: its selections are not a list of items and values.");
            if (selections.TryGetProperty(tier, out var active) && active.ValueKind != JsonValueKind.Null)
            {
                if (active.ValueKind != JsonValueKind.Object)
                    return Failed($"{Damaged}: its {tier} selections are not a list of items and values.");
                foreach (var property in active.EnumerateObject())
                    given[property.Name] = property.Value;
            }
        }

        var errors = new List<string>();
        var warnings = new List<string>();
        var notes = new List<string>();
        var madeWith = catalogUrl.ValueKind == JsonValueKind.String ? MadeWith(catalogUrl.GetString()!, catalog, notes, warnings) : null;

        // The page writes every item of every tier, null where an item has nothing in a tier: null is no choice.
        foreach (var (id, element) in given.Where(g => g.Value.ValueKind != JsonValueKind.Null))
        {
            var item = catalog.Find(id);
            if (item is null)
                warnings.Add(Unknown(id, catalog));
            else if (!item.PerTier.ContainsKey(tier))
                errors.Add($"{Name(item)} is not offered in the {tier} tier, but the configurator link gives it a value.");
        }

        // Every item of the tier gets a value first (given or default), so requirements see the whole configuration.
        var offered = catalog.Items.Where(i => i.PerTier.ContainsKey(tier)).ToList();
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        var fromLink = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in offered)
        {
            var rule = item.PerTier[tier];
            values[item.Id] = rule.DefaultValue;
            if (!given.TryGetValue(item.Id, out var element) || element.ValueKind == JsonValueKind.Null)
                continue;
            if (Allowed(rule, element) is { } value)
            {
                values[item.Id] = value;
                fromLink.Add(item.Id);
                if (rule.Kind == ItemKind.Single && (string)value != (rule.Text ?? ""))
                    notes.Add($"{Name(item)} reads \"{Shown(OneLine((string)value))}\" in the configurator link, not the catalog's \"{Shown(OneLine(rule.Text ?? ""))}\" for the {tier} tier; it is shown as the link gives it.");
            }
            else
            {
                errors.Add($"{Name(item)} cannot be {ShownJson(element)} in the {tier} tier; allowed: {AllowedValues(rule)}.");
            }
        }

        // As on the page, an item whose requirement fails stays in the link (the page shows a note beside it); it does not count.
        string LabelOf(string id) => catalog.Find(id)?.Label ?? id;
        var result = new List<ConfiguratorSelection>();
        foreach (var item in offered)
        {
            var rule = item.PerTier[tier];
            var value = values[item.Id];
            var option = rule.Kind == ItemKind.Select ? rule.Options.FirstOrDefault(o => o.Value == (string)value) : null;
            if (rule.Requires is { } requires && !requires.Holds(values))
            {
                notes.Add($"{Name(item)} does not count: it applies only when {requires.Describe(LabelOf)}.");
                continue;
            }

            if (option?.Requires is { } optionRequires && !optionRequires.Holds(values))
            {
                notes.Add($"{Name(item)} does not count: \"{option.Value}\" applies only when {optionRequires.Describe(LabelOf)}.");
                continue;
            }

            var text = value is bool flag ? (flag ? "true" : "false") : (string)value;
            var label = rule.Kind switch
            {
                ItemKind.Flag => (bool)value ? "Included" : "Not included",
                ItemKind.Select => option?.Label ?? text,
                _ => text,
            };
            result.Add(new ConfiguratorSelection(item.Id, item.Group, item.Label, rule.Kind, text, label, !fromLink.Contains(item.Id)));
        }

        var resolved = errors.Count > 0 ? null : new ConfiguratorSelections(tier, catalog.Version, result) { MadeWith = madeWith };
        return new ConfiguratorResult(resolved, errors) { Warnings = warnings, Notes = notes };
    }

    /// <summary>The catalog a link names, with a note when it is the one the program reads and a warning when not.</summary>
    private static LinkCatalog MadeWith(string address, Catalog catalog, List<string> notes, List<string> warnings)
    {
        var path = address.Split('?', '#')[0];
        var fileName = path[(path.LastIndexOf('/') + 1)..];
        var known = catalog.FileName is { } file && string.Equals(fileName, file, StringComparison.OrdinalIgnoreCase);
        var shown = Shown(address, max: 200);
        var ours = $"the Hub Configurator catalog {catalog.Version}{(catalog.FileName is null ? "" : $" ({catalog.FileName})")}";
        if (known)
            notes.Add($"The configurator link was made with the catalog at {shown}, which is {ours}, the one the program reads.");
        else
            warnings.Add($"The configurator link was made with the catalog at {shown}, which the program does not know; its selections were read against {ours}.");
        return new LinkCatalog(shown, known);
    }

    /// <summary>The warning for an id the catalog does not have; links made with an older catalog may use an old name.</summary>
    private static string Unknown(string id, Catalog catalog) =>
        FormerIds.TryGetValue(id, out var current) && catalog.Find(current) is { } item
            ? $"The configurator link selects \"{id}\", the older name of {Name(item)}; the Hub Configurator catalog ({catalog.Version}) no longer has it, so its value is ignored."
            : $"The configurator link selects \"{Shown(id)}\", which the Hub Configurator catalog ({catalog.Version}) does not have; it is ignored.";

    /// <summary>The value if the tier allows it: an option of a select, any text for a single (its catalog text may have
    /// changed since the link was made), the availability of a flag.</summary>
    private static object? Allowed(TierRule rule, JsonElement element) => rule.Kind switch
    {
        ItemKind.Select when element.ValueKind == JsonValueKind.String && rule.Options.Any(o => o.Value == element.GetString()) => element.GetString()!,
        ItemKind.Single when element.ValueKind == JsonValueKind.String => Printable(element.GetString()!),
        ItemKind.Flag when element.ValueKind is JsonValueKind.True or JsonValueKind.False && element.GetBoolean() == rule.Available => rule.Available,
        _ => null,
    };

    private static string AllowedValues(TierRule rule) => rule.Kind switch
    {
        ItemKind.Select => string.Join(", ", rule.Options.Select(o => $"\"{o.Value}\"")),
        ItemKind.Flag => rule.Available ? "true (it is included in this tier)" : "false (it is not included in this tier)",
        _ => $"\"{OneLine(rule.Text ?? "")}\" (fixed for this tier)",
    };

    private static string Name(CatalogItem item) => $"\"{item.Label}\" ({item.Id})";

    private static ConfiguratorResult Failed(string error) => new(null, [error]);

    private static string ShownJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"\"{Shown(element.GetString()!)}\"",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => Shown(element.GetRawText()),
        JsonValueKind.Null => "empty",
        JsonValueKind.Array => "a list",
        _ => "a group of values",
    };

    // Text from a link ends up in CI logs and annotations: one line, printable, and short.
    private static string Shown(string text, int max = 60)
    {
        var clean = new string([.. text.Take(max + 1).Select(c => Hidden(c) ? '?' : c)]);
        return clean.Length > max ? clean[..max] + "..." : clean;
    }

    /// <summary>A fixed text as the link gives it, without what could hide or reorder text where it is printed (its
    /// line breaks stay: some fixed texts are Markdown lists).</summary>
    private static string Printable(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                kept.Append(text[i]).Append(text[++i]);
            else if (text[i] == '\n' || !Hidden(text[i]))
                kept.Append(text[i]);
        }

        return kept.ToString();
    }

    private static bool Hidden(char c) =>
        char.IsSurrogate(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format;

    private static string OneLine(string text) =>
        string.Join("; ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.TrimStart('-', ' ')));

    /// <summary>A single's fixed text on one line (some are Markdown lists), for tables.</summary>
    public static string OneLineText(string text) => OneLine(text ?? "");
}
