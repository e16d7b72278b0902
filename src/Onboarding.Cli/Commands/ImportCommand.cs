using System.Text;
using System.Text.Json;
using Onboarding.Cli.Infrastructure;
using Onboarding.Core.Authoring;
using Onboarding.Core.Import;
using Onboarding.Core.Manifests;
using Onboarding.Core.Validation;

namespace Onboarding.Cli.Commands;

/// <summary>What import did with one HubSpot community.</summary>
internal enum ImportOutcome
{
    Written,
    WouldWrite,
    HasManifest,
    NotImportable,
}

/// <summary>One community's line in the import report; <paramref name="Warnings"/> are validate's warnings on the written manifest (its placeholders).</summary>
internal sealed record ImportRow(string Community, ImportOutcome Outcome, string Path, string? Reason, IReadOnlyList<string> Warnings);

/// <summary>
/// <c>onboarding import</c>: a manifest for every HubSpot community that has none yet, valid against the schema and
/// the rules. Reads HubSpot only; never touches a manifest that exists, so a re-run changes nothing.
/// </summary>
internal static class ImportCommand
{
    /// <param name="DryRun">Say which manifests would be written, and write none.</param>
    public sealed record Options(bool Sandbox, bool DryRun, OutputFormat Output, string? ConfigPath)
    {
        /// <summary>With <c>Sandbox</c>: the file every request the emulators receive is written to (<c>--journal</c>).</summary>
        public string? Journal { get; init; }
    }

    public static async Task<int> RunAsync(CliContext context, Options options, CancellationToken cancellationToken)
    {
        var (prepared, exit) = Preamble.Run(context, "import", options.ConfigPath, "No import while {0} is invalid.");
        if (prepared is null)
            return exit;
        var (_, settings, validation, actions) = prepared;
        if (!ServiceSession.SecretsReady(context, "import", options.Sandbox))
            return ExitCodes.Failure;

        await using var session = await ServiceSession.OpenAsync(context, options.Sandbox, settings, cancellationToken, journal: options.Journal);
        var candidates = await new CommunityImporter(session.Connections!.HubSpot, settings).ReadAsync(cancellationToken);
        var (existingFiles, _) = ManifestSources.Collect(context, []);
        var named = validation.Documents.ToDictionary(d => d.Community.Name, d => d.Path, StringComparer.Ordinal);
        var rows = new List<ImportRow>();
        var accepted = new List<SourceFile>(existingFiles);
        foreach (var candidate in candidates)
        {
            var path = ManifestWriter.PathFor(candidate.Name);
            if (named.TryGetValue(candidate.Name, out var existing) || context.Files.FileExists(path))
            {
                rows.Add(new(candidate.Name, ImportOutcome.HasManifest, existing ?? path, null, []));
                continue;
            }

            if (candidate.Draft is null)
            {
                rows.Add(new(candidate.Name, ImportOutcome.NotImportable, path, candidate.NotImportable, []));
                continue;
            }

            // Validated with every manifest already there (and those imported before it), so cross-file rules hold.
            var text = CommunityImporter.Write(candidate.Draft);
            var file = new SourceFile(path, Encoding.UTF8.GetBytes(text));
            var own = new ManifestValidator().Validate([.. accepted, file], context.Today).Problems.Where(p => p.File == path).ToList();
            var problems = own.Where(p => p.Severity == Severity.Error).ToList();
            if (problems.Count > 0)
            {
                rows.Add(new(candidate.Name, ImportOutcome.NotImportable, path,
                    $"{candidate.Name} cannot be imported: the manifest HubSpot's data makes is not valid ({string.Join(" ", problems.Select(p => $"{p.Field}: {p.Message}"))})", []));
                continue;
            }

            accepted.Add(file);
            if (!options.DryRun)
                context.Files.WriteAllText(path, text);
            var warnings = own.Where(p => p.Severity == Severity.Warning).Select(p => $"{p.File}:{p.Location.Line}:{p.Location.Column}: warning: {p.Field}: {p.Message}").ToList();
            rows.Add(new(candidate.Name, options.DryRun ? ImportOutcome.WouldWrite : ImportOutcome.Written, path, null, warnings));
        }

        if (options.Output == OutputFormat.Json)
            context.Out.WriteLine(JsonSerializer.Serialize(new { communities = rows }, CliJson.Options));
        else
            context.Out.Write(Text(rows, options.DryRun));
        if (actions.IsActive)
            actions.AppendSummary("## Import\n\n" + string.Join("", Text(rows, options.DryRun).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => $"- {GitHubActions.Cell(l)}\n")));
        return ExitCodes.Success;
    }

    internal static string Text(IReadOnlyList<ImportRow> rows, bool dryRun)
    {
        var text = new StringBuilder();
        var written = rows.Count(r => r.Outcome is ImportOutcome.Written or ImportOutcome.WouldWrite);
        text.Append(rows.Count == 0
            ? "HubSpot holds no Community record."
            : $"HubSpot holds {rows.Count} communit{(rows.Count == 1 ? "y" : "ies")}: {written} {(dryRun ? "would be" : written == 1 ? "was" : "were")} imported.").Append('\n');
        foreach (var row in rows)
        {
            text.Append(row.Outcome switch
            {
                ImportOutcome.Written => row.Warnings.Count == 0
                    ? $"{row.Path}: written from HubSpot; check it, then open a pull request."
                    : $"{row.Path}: written from HubSpot; replace the placeholders it marks before you open a pull request:",
                ImportOutcome.WouldWrite => $"{row.Path}: would be written (--dry-run).",
                ImportOutcome.HasManifest => $"{row.Path}: already has a manifest; left as it is.",
                _ => row.Reason,
            }).Append('\n');
            foreach (var warning in row.Warnings)
                text.Append("  ").Append(warning).Append('\n');
        }

        return text.ToString();
    }
}
