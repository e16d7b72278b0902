namespace Onboarding.Core.Configuration;

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

    /// <summary>The column a NOT READY issue goes to; null: the usual column.</summary>
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

    /// <summary>The column for an issue of <paramref name="phase"/>: the waiting column while it is not ready.</summary>
    public string ColumnFor(int phase, bool ready) =>
        !ready && WaitingColumn is { } waiting ? waiting : PhaseColumns.GetValueOrDefault(phase) ?? Column;
}
