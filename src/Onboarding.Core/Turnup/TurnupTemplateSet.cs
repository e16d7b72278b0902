using Onboarding.Core.Manifests;

namespace Onboarding.Core.Turnup;

/// <summary>
/// The issue templates the program fills in, read (<see cref="IssueTemplateReader"/>) from wherever the caller found
/// them: the infrastructure repository's own, or a copy. Core only takes them as input; a template left out means the
/// issues of that kind cannot be opened, and the plan says so.
/// </summary>
/// <param name="Source">Where they came from, in a sentence for the plan, e.g. "The turnup templates are the sandbox's samples."</param>
public sealed record TurnupTemplateSet(string Source)
{
    /// <summary>Phase 0, the sync chat (<c>02_new-hub_phase-0.md</c> in the infrastructure repository).</summary>
    public IssueTemplate? SyncChat { get; init; }

    /// <summary>Phase 1, cloud account setup (<c>03_new-hub_phase-1.yaml</c>).</summary>
    public IssueTemplate? CloudAccount { get; init; }

    /// <summary>Phase 2, cluster setup (<c>04_new-hub_phase-2.yaml</c>).</summary>
    public IssueTemplate? Cluster { get; init; }

    /// <summary>Phase 3, hub setup (<c>05_new-hub_phase-3.yaml</c>).</summary>
    public IssueTemplate? HubSetup { get; init; }

    /// <summary>Taking a hub out of service (the decommission template the configuration names).</summary>
    public IssueTemplate? Decommission { get; init; }

    /// <summary>No templates at all: every issue that would need one is reported instead of opened.</summary>
    public static TurnupTemplateSet None { get; } = new("No turnup templates were given.");

    /// <summary>
    /// Reads the template files given per kind of issue (<see cref="IssueTemplateReader"/>). A file that does not read
    /// is left out of the set, and its problems are returned: the issues of that kind are then reported, not opened.
    /// </summary>
    public static (TurnupTemplateSet Templates, IReadOnlyList<Problem> Problems) Read(string source, IReadOnlyDictionary<TurnupPhase, SourceFile> files)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<Problem>();
        IssueTemplate? Template(TurnupPhase phase)
        {
            if (!files.TryGetValue(phase, out var file))
                return null;
            var (template, found) = IssueTemplateReader.Read(file);
            problems.AddRange(found);
            return template;
        }

        var set = new TurnupTemplateSet(source)
        {
            SyncChat = Template(TurnupPhase.SyncChat),
            CloudAccount = Template(TurnupPhase.CloudAccount),
            Cluster = Template(TurnupPhase.Cluster),
            HubSetup = Template(TurnupPhase.HubSetup),
            Decommission = Template(TurnupPhase.Decommission),
        };
        return (set, problems);
    }

    public IssueTemplate? For(TurnupPhase phase) => phase switch
    {
        TurnupPhase.SyncChat => SyncChat,
        TurnupPhase.CloudAccount => CloudAccount,
        TurnupPhase.Cluster => Cluster,
        TurnupPhase.HubSetup => HubSetup,
        TurnupPhase.Decommission => Decommission,
        _ => null,
    };
}
