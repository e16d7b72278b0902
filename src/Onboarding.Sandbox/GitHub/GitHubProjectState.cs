namespace Onboarding.Sandbox.GitHub;

/// <summary>A project (GitHub Projects, the current kind) of an organisation: its fields and its items.</summary>
public sealed class GitHubProjectState
{
    /// <summary>The GraphQL node id (<c>PVT_…</c>).</summary>
    public string NodeId { get; set; } = "";

    public long Id { get; set; }

    public string Owner { get; set; } = "";

    public int Number { get; set; }

    public string Title { get; set; } = "";

    public bool Public { get; set; }

    public bool Closed { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<GitHubProjectFieldState> Fields { get; set; } = [];

    public List<GitHubProjectItemState> Items { get; set; } = [];
}

public sealed class GitHubProjectFieldState
{
    /// <summary><c>PVTSSF_…</c> for single-select fields, <c>PVTIF_…</c> for iteration fields, <c>PVTF_…</c> for the others.</summary>
    public string NodeId { get; set; } = "";

    public long Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>GitHub's ProjectV2FieldType: TITLE, ASSIGNEES, SINGLE_SELECT, ITERATION, TEXT, …</summary>
    public string DataType { get; set; } = "TEXT";

    public List<GitHubProjectOptionState> Options { get; set; } = [];

    /// <summary>Of an iteration field: the length of a new iteration in days.</summary>
    public int IterationDuration { get; set; }

    public List<GitHubProjectIterationState> Iterations { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class GitHubProjectOptionState
{
    /// <summary>Eight hex digits, as GitHub names options.</summary>
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Color { get; set; } = "GRAY";

    public string Description { get; set; } = "";
}

public sealed class GitHubProjectIterationState
{
    /// <summary>Eight hex digits, as GitHub names iterations.</summary>
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public DateOnly StartDate { get; set; }

    public int Duration { get; set; }
}

/// <summary>An issue on a project, and the values of its fields there.</summary>
public sealed class GitHubProjectItemState
{
    /// <summary><c>PVTI_…</c>.</summary>
    public string NodeId { get; set; } = "";

    public long Id { get; set; }

    /// <summary>The node id (what <c>addProjectV2ItemById</c> was given).</summary>
    public string ContentNodeId { get; set; } = "";

    public bool Archived { get; set; }

    public string Creator { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<GitHubProjectValueState> Values { get; set; } = [];
}

/// <summary>One field's value on an item: an option of a single-select field or an iteration of an iteration field.</summary>
public sealed class GitHubProjectValueState
{
    public string FieldNodeId { get; set; } = "";

    public string? OptionId { get; set; }

    public string? IterationId { get; set; }

    public string Creator { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
