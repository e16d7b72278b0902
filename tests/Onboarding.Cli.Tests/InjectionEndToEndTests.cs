using System.Text.Json.Nodes;
using Onboarding.Core.Manifests;
using Onboarding.Core.Validation;
using Onboarding.Sandbox;
using Onboarding.Sandbox.HubSpot;
using Onboarding.Testing;

namespace Onboarding.Cli.Tests;

/// <summary>
/// Hostile text in every free-text field of a manifest, applied to the sandbox; then what actually landed in the
/// emulators (issue bodies, comments, email and ticket HTML, HubSpot notes and properties, Freshdesk records) is read
/// back and must be inert. Identifiers (emails, handles, hub names and domains, admins) refuse such text outright
/// (see SchemaTests), so here they stay plain.
/// </summary>
public sealed class InjectionEndToEndTests
{
    /// <summary>In this order the two long ones land in context and notes, which take them. The payloads the issue names: HTML and script, javascript: and data: links (inline, reference-style,
    /// autolink), mentions of people and teams, table breakers, very long lines, bidi overrides and zero-width characters.</summary>
    private static readonly string[] Chosen =
    [
        "script", "long hostile line", "deep brackets", "img onerror", "javascript link", "data link", "javascript autolink",
        "reference link", "everyone", "team", "table breaker", "backticks", "right-to-left override", "zero width",
    ];

    private const int Communities = 4;

    private static readonly string[] FreeTextFields =
        ["long_name", "context", "notes", "representatives[0].name", "hubs[0].funded_by", "hubs[1].funded_by", "technical_contacts[0].name"];

    [Fact]
    public async Task Apply_HostileTextInEveryFreeTextField_EverythingThatLandedIsInert()
    {
        // Given four communities that carry the payloads between them, each payload in two free-text fields (every
        // payload in every field is the renderer's unit test; this is about what the services end up holding); two
        // without technical contacts (so a ticket asks for them); each asking for a sync chat, with a requested hub (turnup issues) and one
        // deployed last week (the hub-available email and the HubSpot delivery note)
        var payloads = Chosen.Select(name => HostileText.Payloads.Single(p => p.Name == name)).ToList();
        var deals = Enumerable.Range(0, Communities).Select(i => new HubSpotSeedDeal($"2938000{i:D4}", $"Deal {i}", HubSpotSeed.OnboardingPipelineId, HubSpotSeed.ContractAdminStageId)).ToList();
        await using var harness = await ApplyHarness.StartAsync(new SandboxOptions { HubSpot = SandboxSeeds.HubSpot() with { Deals = [.. SandboxSeeds.HubSpot().Deals, .. deals] } });
        var documents = new List<ManifestDocument>();
        var refused = new List<string>();
        var placed = new HashSet<string>();
        for (var c = 0; c < Communities; c++)
        {
            var values = new Dictionary<string, (string Name, string Text)>();
            for (var f = 0; f < FreeTextFields.Length; f++)
                values[FreeTextFields[f]] = payloads[((c * FreeTextFields.Length) + f + (c >= 2 ? 5 : 0)) % payloads.Count];
            var (document, refusedFields) = Valid(c, values, deals[c].Id);
            documents.Add(document);
            refused.AddRange(refusedFields.Select(f => $"{values[f].Name} in {f}"));
            placed.UnionWith(values.Where(v => !refusedFields.Contains(v.Key)).Select(v => v.Value.Name));
        }

        // When
        var report = await harness.ApplyAsync(documents);

        // Then everything was applied, and every payload landed in at least one field (a field that refuses one does so with a sentence)
        report.Succeeded.ShouldBeTrue(string.Join("; ", report.Communities.Select(c => c.Error)));
        placed.Count.ShouldBe(payloads.Count, "refused: " + string.Join("; ", refused));
        var findings = new List<string>();
        var github = JsonNode.Parse(harness.Sandbox.GitHubEmulator.Store.ExportJson())!;
        var issues = github["Repositories"]!.AsArray().SelectMany(r => r!["Issues"]!.AsArray()).ToList();
        var comments = github["Repositories"]!.AsArray().SelectMany(r => r!["Comments"]!.AsArray()).ToList();
        // Each community's cluster is live (its prod hub is deployed): a sync chat and one phase 3 issue with both hubs
        issues.Count.ShouldBe(2 * Communities);
        foreach (var issue in issues)
        {
            var body = (string)issue!["Body"]!;
            findings.AddRange(Inertness.OfMarkdown(body, body.Split('\n')[0], tableColumns: 3).Select(f => $"issue {(string)issue["Title"]!}: {f}"));
            findings.AddRange(Inertness.OfMarkdown((string)issue["Title"]!).Select(f => $"issue title: {f}"));
        }

        foreach (var comment in comments)
            findings.AddRange(Inertness.OfMarkdown((string)comment!["Body"]!, allowedMention: harness.Settings.GitHub.BdTeam).Select(f => $"comment: {f}"));

        var freshdesk = JsonNode.Parse(harness.Sandbox.FreshdeskEmulator.Store.ExportJson())!;
        var tickets = freshdesk["tickets"]!.AsArray().ToList();
        tickets.Count.ShouldBe(Communities, "a hub-available email or a missing-information ticket per community");
        foreach (var ticket in tickets)
        {
            findings.AddRange(Inertness.OfHtml((string?)ticket!["description"] ?? "").Select(f => $"ticket {(string?)ticket["subject"]}: {f}"));
            findings.AddRange(Inertness.Invisible((string?)ticket["subject"] ?? "").Select(f => $"ticket subject: {f}"));
        }

        foreach (var text in Strings(freshdesk["companies"]).Concat(Strings(freshdesk["contacts"])))
            findings.AddRange(Inertness.Invisible(text).Select(f => $"freshdesk record \"{text}\": {f}"));

        var hubspot = JsonNode.Parse(harness.Sandbox.HubSpotEmulator.Store.ExportJson())!;
        foreach (var (name, value) in Properties(hubspot["Records"]))
        {
            findings.AddRange((name == "hs_note_body" ? Inertness.OfHtml(value) : Inertness.Invisible(value)).Select(f => $"hubspot {name}: {f}"));
        }

        findings.Distinct().ShouldBeEmpty();
    }

    /// <summary>The community's manifest, validated; a field whose payload the validator refuses gets plain text instead.</summary>
    private static (ManifestDocument Document, List<string> Refused) Valid(int index, Dictionary<string, (string Name, string Text)> payloads, string deal)
    {
        var values = payloads.ToDictionary(p => p.Key, p => p.Value.Text);
        var refused = new List<string>();
        for (var attempt = 0; attempt <= FreeTextFields.Length; attempt++)
        {
            var path = $"communities/hostile{index:D2}.yaml";
            var result = new ManifestValidator().Validate([new SourceFile(path, System.Text.Encoding.UTF8.GetBytes(Manifest(index, values, deal)))], new DateOnly(2026, 11, 24));
            if (result.IsValid)
                return (result.Documents[0], refused);
            var field = result.Problems.Select(p => p.Field).FirstOrDefault(values.ContainsKey)
                ?? throw new InvalidOperationException("An identifier was refused: " + string.Join("; ", result.Problems));
            values.Remove(field);
            refused.Add(field);
        }

        throw new InvalidOperationException("The manifest never validated.");
    }

    private static string Manifest(int i, Dictionary<string, string> values, string deal)
    {
        string V(string field) => HostileText.Yaml(values.GetValueOrDefault(field, "Plain text"));
        var name = $"hostile{i:D2}";
        var contacts = i % 2 == 0 ? "" : $"""
            technical_contacts:
              - name: {V("technical_contacts[0].name")}
                email: tech@{name}.example.org
            """;
        return $"""
            {ManifestText.SchemaLine}
            name: {name}
            long_name: {V("long_name")}
            website: https://{name}.example.org
            context: {V("context")}
            notes: {V("notes")}
            representatives:
              - name: {V("representatives[0].name")}
                email: rep@{name}.example.org
                github: rep-{name}
            {contacts}
            deals: ["{deal}"]
            sync_chat: true
            hubs:
              - name: staging
                domain: staging.{name}.example.org
                status: requested
                requested: "2026-01-15"
                funded_by: {V("hubs[0].funded_by")}
                auth:
                  method: github
                  organizations: [{name}-org]
                  admins: [rep-{name}]
              - name: prod
                domain: prod.{name}.example.org
                status: deployed
                requested: "2026-01-15"
                deployed: "2026-11-20"
                url: https://prod.{name}.example.org
                funded_by: {V("hubs[1].funded_by")}
                auth:
                  method: github
                  organizations: [{name}-org]
                  admins: [rep-{name}]

            """;
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        _ => [],
    };

    /// <summary>Every property of every HubSpot record, by name (records keep them as name → value).</summary>
    private static IEnumerable<(string Name, string Value)> Properties(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => p.Value is JsonValue v && v.TryGetValue<string>(out var text) ? [(p.Key, text)] : Properties(p.Value)),
        JsonArray array => array.SelectMany(Properties),
        _ => [],
    };
}
