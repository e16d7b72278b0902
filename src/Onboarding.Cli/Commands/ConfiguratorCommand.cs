using System.Text.Json.Nodes;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Configurator;

namespace Onboarding.Cli.Commands;

/// <summary><c>onboarding configurator URL</c>: what a Hub Configurator share link selects, defaults filled in.</summary>
internal static class ConfiguratorCommand
{
    /// <param name="Link">A Hub Configurator share link.</param>
    public sealed record Options(string Link, OutputFormat Output);

    public static int Run(CliContext context, Options options)
    {
        var result = HubConfigurator.Read(options.Link);
        if (options.Output == OutputFormat.Json)
        {
            context.Out.WriteLine(Json(result).ToJsonString(CliJson.Options));
            return result.IsValid ? ExitCodes.Success : ExitCodes.Failure;
        }

        foreach (var warning in result.Warnings)
            context.Error.WriteLine($"onboarding configurator: warning: {warning}");
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
                context.Error.WriteLine($"onboarding configurator: {error}");
            return ExitCodes.Failure;
        }

        var selections = result.Selections!;
        var given = selections.Items.Count(i => !i.IsDefault);
        context.Out.WriteLine($"Tier: {selections.Tier} (catalog {selections.CatalogVersion}); {given} chosen in the link, {selections.Items.Count - given} defaults.");
        context.Out.WriteLine();
        var rows = selections.Items
            .Select(i => new[] { i.Group, i.Label, i.Id, HubConfigurator.OneLineText(i.ValueLabel), i.IsDefault ? "default" : "link" })
            .Prepend(["Group", "Item", "Id", "Value", "From"])
            .ToList();
        var widths = Enumerable.Range(0, 4).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            context.Out.WriteLine(string.Join("  ", row.Select((cell, c) => c < widths.Length ? cell.PadRight(widths[c]) : cell)));
        if (result.Notes.Count > 0)
        {
            context.Out.WriteLine();
            foreach (var note in result.Notes)
                context.Out.WriteLine($"Note: {note}");
        }

        return ExitCodes.Success;
    }

    private static JsonObject Json(ConfiguratorResult result)
    {
        var warnings = new JsonArray([.. result.Warnings.Select(w => (JsonNode?)w)]);
        var notes = new JsonArray([.. result.Notes.Select(n => (JsonNode?)n)]);
        if (!result.IsValid)
            return new JsonObject { ["valid"] = false, ["errors"] = new JsonArray([.. result.Errors.Select(e => (JsonNode?)e)]), ["warnings"] = warnings };

        var selections = result.Selections!;
        var items = new JsonArray();
        foreach (var i in selections.Items)
        {
            items.Add(new JsonObject
            {
                ["id"] = i.Id,
                ["group"] = i.Group,
                ["label"] = i.Label,
                ["kind"] = i.Kind.ToString().ToLowerInvariant(),
                ["value"] = i.Kind == ItemKind.Flag ? JsonValue.Create(i.Value == "true") : JsonValue.Create(i.Value),
                ["valueLabel"] = i.ValueLabel,
                ["default"] = i.IsDefault,
            });
        }

        var json = new JsonObject
        {
            ["valid"] = true,
            ["tier"] = selections.Tier,
            ["catalog"] = selections.CatalogVersion,
        };
        if (selections.MadeWith is { } madeWith)
            json["linkCatalog"] = new JsonObject { ["address"] = madeWith.Address, ["known"] = madeWith.Known };
        json["selections"] = items;
        json["warnings"] = warnings;
        json["notes"] = notes;
        return json;
    }
}
