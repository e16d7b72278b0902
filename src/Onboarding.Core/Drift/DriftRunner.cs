using Onboarding.Core.Configuration;
using Onboarding.Core.Manifests;
using Onboarding.Core.Planning;
using Onboarding.Core.Services.HubSpot;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Drift;

/// <summary>
/// Compares HubSpot and Freshdesk with every manifest, through the same read-only reader and planner as plan and
/// apply, and lists the Community records no manifest describes. Reads only.
/// </summary>
public sealed class DriftRunner(IObservedStateReader reader, IHubSpot hubSpot, OnboardingSettings settings, TurnupTemplateSet templates)
{
    /// <param name="only">The communities this run checks when its budget does not fit them all; the others still count
    /// as having a manifest. Null checks every one.</param>
    public async Task<DriftReport> RunAsync(
        IReadOnlyList<ManifestDocument> documents, string directory, IReadOnlyList<string> notes, IReadOnlyList<ManifestDocument>? only = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var items = new List<DriftItem>();
        var allNotes = notes.ToList();
        var checking = only ?? documents;
        foreach (var document in checking.OrderBy(d => d.Path, StringComparer.Ordinal))
        {
            if (PlanBuilder.Paused(document) is { } reason)
            {
                allNotes.Add($"{document.Community.Name} ({document.Path}) is paused ({reason}), so drift did not check it.");
                continue;
            }

            var plan = await PlanBuilder.PlanOneAsync(new PlanInput(document, null), reader, settings, templates, cancellationToken: cancellationToken);
            items.AddRange(DriftFinder.ForCommunity(plan, document, settings));
        }

        var names = settings.HubSpot.Properties;
        var known = documents.Select(d => d.Community.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var record in await hubSpot.ListCommunitiesAsync([names.Name, names.LongName], cancellationToken))
        {
            if (record[names.Name] is { Length: > 0 } name && !known.Contains(name))
                items.Add(DriftFinder.NoManifest(name, record[names.LongName], directory));
        }

        return new DriftReport(DriftFinder.Sorted(items), checking.Count(d => PlanBuilder.Paused(d) is null), allNotes);
    }
}
