namespace Onboarding.Sandbox.GitHub;

/// <summary>How much of GitHub's projects a token may use, as its scopes (classic) or permissions (fine-grained) say.</summary>
public enum GitHubProjectAccess
{
    /// <summary>No <c>read:project</c> scope: every project field is refused.</summary>
    None,

    /// <summary><c>read:project</c>: projects can be read, not changed.</summary>
    Read,

    /// <summary><c>project</c>: read and write.</summary>
    Write,
}

/// <summary>
/// A project of an organisation, as the team's board: a Status field whose options are the columns, and an Iteration
/// field whose iterations are laid out around the emulator's today when the state is built (some completed, the
/// current one, some to come).
/// </summary>
public sealed record GitHubProjectSeed
{
    public string Owner { get; init; } = "example-org";

    public int Number { get; init; } = 1;

    public string Title { get; init; } = "Engineering";

    public string StatusField { get; init; } = "Status";

    public IReadOnlyList<string> Columns { get; init; } = ["Todo", "Refined", "In Progress", "Waiting", "Done"];

    /// <summary>Null: the project has no iteration field.</summary>
    public string? IterationField { get; init; } = "Iteration";

    public int IterationDays { get; init; } = 14;

    /// <summary>Iterations that ended before today.</summary>
    public int CompletedIterations { get; init; } = 2;

    /// <summary>Iterations that start after the current one.</summary>
    public int UpcomingIterations { get; init; } = 2;
}
