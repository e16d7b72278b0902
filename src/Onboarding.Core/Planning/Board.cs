using Onboarding.Core.Configuration;
using Onboarding.Core.Services.GitHub;
using Onboarding.Core.Turnup;

namespace Onboarding.Core.Planning;


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
