using Onboarding.Core.Services.GitHub;

namespace Onboarding.Core.Planning;

/// <summary>
/// <c>github.project</c>: the organisation's project (board) that new turnup issues are put on, the single-select field
/// whose options are its columns, the column they go to, and optionally the iteration field.
/// </summary>
/// <param name="Owner">The organisation that owns the project.</param>
/// <param name="Number">The project's number (in its address, <c>/orgs/{owner}/projects/{number}</c>).</param>
public sealed record BoardSettings(string Owner, int Number)
{
    public string StatusField { get; init; } = "Status";

    /// <summary>The column new turnup issues go to.</summary>
    public string Column { get; init; } = "Refined";

    /// <summary>The column a NOT READY issue goes to; null: the issue's usual column.</summary>
    public string? WaitingColumn { get; init; }

    /// <summary>The iteration field; null: issues get no iteration.</summary>
    public string? IterationField { get; init; }

    /// <summary>Columns of their own for some phases (0 to 3); the others go to <see cref="Column"/>.</summary>
    public IReadOnlyDictionary<int, string> PhaseColumns { get; init; } = new Dictionary<int, string>();

    /// <summary>"example-org project 1", as a person finds it.</summary>
    public string Name => $"{Owner} project {Number}";

    /// <summary>Every column the configuration names, each once.</summary>
    public IReadOnlyList<string> Columns =>
        [.. new[] { Column, WaitingColumn }.Concat(PhaseColumns.OrderBy(p => p.Key).Select(p => p.Value)).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];

    public string ColumnFor(TurnupIssue issue)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return !issue.Ready && WaitingColumn is { } waiting ? waiting : PhaseColumns.GetValueOrDefault(issue.Phase) ?? Column;
    }
}

/// <summary>
/// The configured project as read, reduced to what placing an issue needs: the ids of the status field, of each
/// configured column and of the iteration field, and the iterations. Built only when everything configured exists.
/// </summary>
public sealed record ObservedBoard(
    string ProjectId,
    string Title,
    Uri Url,
    bool CanUpdate,
    string StatusFieldId,
    IReadOnlyDictionary<string, string> ColumnIds,
    string? IterationFieldId,
    IReadOnlyList<ProjectIteration> Iterations)
{
    /// <summary>
    /// The board as <paramref name="settings"/> describe it, or, when the project lacks a field or column they name,
    /// one sentence per thing missing (and no board).
    /// </summary>
    public static (ObservedBoard? Board, IReadOnlyList<string> Problems) From(BoardSettings settings, ProjectBoard project)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(project);
        var problems = new List<string>();
        var name = $"The project {settings.Name} ({project.Title})";
        if (project.Closed)
            problems.Add($"{name} is closed; reopen it or name another in github.project of onboarding.yaml.");

        var fieldNames = string.Join(", ", project.Fields.Select(f => f.Name));
        var status = Field(settings.StatusField);
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (status is null)
        {
            problems.Add($"{name} has no field '{settings.StatusField}' (it has {fieldNames}); fix github.project.status_field in onboarding.yaml.");
        }
        else if (status.DataType != "SINGLE_SELECT")
        {
            problems.Add($"{name}'s field '{status.Name}' is not a single-select field, so it has no columns; fix github.project.status_field in onboarding.yaml.");
        }
        else
        {
            foreach (var column in settings.Columns)
            {
                if (status.Options.FirstOrDefault(o => string.Equals(o.Name, column, StringComparison.OrdinalIgnoreCase)) is { } option)
                    columns[column] = option.Id;
                else
                    problems.Add($"{name} has no column '{column}' in its field '{status.Name}' (it has {string.Join(", ", status.Options.Select(o => o.Name))}); fix the column in github.project of onboarding.yaml.");
            }
        }

        ProjectField? iteration = null;
        if (settings.IterationField is { } iterationName)
        {
            iteration = Field(iterationName);
            if (iteration is null)
                problems.Add($"{name} has no field '{iterationName}' (it has {fieldNames}); fix github.project.iteration_field in onboarding.yaml, or leave it out.");
            else if (iteration.DataType != "ITERATION")
                problems.Add($"{name}'s field '{iteration.Name}' is not an iteration field; fix github.project.iteration_field in onboarding.yaml, or leave it out.");
        }

        if (problems.Count > 0)
            return (null, problems);
        return (new ObservedBoard(project.Id, project.Title, project.Url, project.CanUpdate, status!.Id, columns, iteration?.Id, iteration?.Iterations ?? []), []);

        ProjectField? Field(string wanted) =>
            project.Fields.FirstOrDefault(f => string.Equals(f.Name, wanted, StringComparison.Ordinal))
            ?? project.Fields.FirstOrDefault(f => string.Equals(f.Name, wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The first iteration that has not started on <paramref name="today"/>; null when none is planned.</summary>
    public ProjectIteration? NextIteration(DateOnly today) =>
        Iterations.Where(i => i.Start > today).OrderBy(i => i.Start).FirstOrDefault();
}

/// <summary>A turnup issue's item on the board: its column and iteration as they are now (null when unset).</summary>
public sealed record ObservedBoardItem(string Id, bool Archived, string? Status, string? Iteration)
{
    /// <summary>
    /// People own an item once it has a column (or is archived): the program placed it, or someone moved it. An item
    /// without one was added by a run cut off before its column was set, so the program finishes placing it.
    /// </summary>
    public bool Placed => Archived || Status is not null;
}
