namespace Onboarding.Core.Services.GitHub;

/// <summary>
/// The team's project (GitHub Projects, the current kind) that turnup issues are scheduled on, as configured in
/// <c>github.project</c>. Reached through GitHub's GraphQL API. Every failure the caller cannot fix by retrying is a
/// <see cref="ServiceException"/> whose sentence names what the token lacks when access is the problem.
/// </summary>
public interface IGitHubProjects
{
    /// <summary>The configured project with its fields, their options and iterations; read-only.</summary>
    Task<ProjectBoard> ReadProjectAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The items on the project <paramref name="projectId"/> of each issue of the infrastructure repository (archived
    /// ones included), by issue number; an issue on no such item is left out.
    /// </summary>
    Task<IReadOnlyDictionary<int, ProjectItem>> ReadIssueItemsAsync(string projectId, IReadOnlyCollection<int> issueNumbers, CancellationToken cancellationToken = default);

    /// <summary>Adds an issue (by its node id) to the project; an issue already on it gives its existing item. Returns the item's id.</summary>
    Task<string> AddItemAsync(string projectId, string contentId, CancellationToken cancellationToken = default);

    /// <summary>Sets a single-select field (the status column) of an item.</summary>
    Task SetOptionAsync(string projectId, string itemId, string fieldId, string optionId, CancellationToken cancellationToken = default);

    /// <summary>Sets an iteration field of an item.</summary>
    Task SetIterationAsync(string projectId, string itemId, string fieldId, string iterationId, CancellationToken cancellationToken = default);
}

/// <summary>A project as GitHub holds it. <paramref name="CanUpdate"/>: the token may change its items.</summary>
public sealed record ProjectBoard(string Id, string Title, Uri Url, bool Closed, bool CanUpdate, IReadOnlyList<ProjectField> Fields);

/// <summary>A field of a project. <paramref name="DataType"/> is GitHub's (SINGLE_SELECT, ITERATION, TEXT, …).</summary>
public sealed record ProjectField(string Id, string Name, string DataType, IReadOnlyList<ProjectOption> Options, IReadOnlyList<ProjectIteration> Iterations);

public sealed record ProjectOption(string Id, string Name);

/// <summary>One iteration of an iteration field: it starts on <paramref name="Start"/> and lasts <paramref name="Days"/> days.</summary>
public sealed record ProjectIteration(string Id, string Title, DateOnly Start, int Days)
{
    public DateOnly End => Start.AddDays(Math.Max(1, Days) - 1);

    public override string ToString() => $"{Title} ({Start:yyyy-MM-dd} to {End:yyyy-MM-dd})";
}

/// <summary>An issue's item on the project: its column (status option name) and iteration title, null when unset.</summary>
public sealed record ProjectItem(string Id, bool Archived, string? Status, string? Iteration);
