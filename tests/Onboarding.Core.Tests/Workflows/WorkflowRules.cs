using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Onboarding.Core.Tests.Workflows;

/// <summary>
/// The safety rules every GitHub Actions workflow of this repository follows (docs/reliability.md, "Workflow safety"),
/// checked on the parsed YAML. Each problem is one sentence naming the file and where in it.
/// </summary>
internal static partial class WorkflowRules
{
    /// <summary>Events whose runs hold write tokens or secrets while the event is controlled by someone outside.</summary>
    private static readonly string[] PrivilegedEvents = ["pull_request_target", "workflow_run"];

    /// <summary>Events that run pull-request code, forks included.</summary>
    private static readonly string[] PullRequestEvents = ["pull_request", "pull_request_target"];

    public static IReadOnlyList<string> Check(string file, string text)
    {
        var problems = new List<string>();
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            return [$"{file}: is not one YAML mapping."];

        var events = Events(Child(root, "on"));
        CheckPermissions(file, root, problems);
        CheckPinnedActions(file, text, problems);
        if (Child(root, "env") is { } workflowEnv && Mentions(workflowEnv, SecretReference))
            problems.Add($"{file}: env: at the workflow level names a secret; give it only to the step that needs it.");

        if (Child(root, "jobs") is not YamlMappingNode jobs)
            return [.. problems, $"{file}: has no jobs."];
        foreach (var (jobKey, jobNode) in jobs.Children)
        {
            var job = (YamlMappingNode)jobNode;
            var where = $"{file}: job '{jobKey}'";
            var hasEnvironment = Child(job, "environment") is not null;
            if (Scalar(Child(job, "permissions")) == "write-all")
                problems.Add($"{where}: permissions: write-all; name the few permissions the job needs.");
            if (Scalar(Child(job, "secrets")) == "inherit")
                problems.Add($"{where}: secrets: inherit passes every secret; pass only those the called workflow needs.");
            if (Child(job, "env") is { } jobEnv && Mentions(jobEnv, SecretReference))
                problems.Add($"{where}: env: at the job level names a secret; give it only to the step that needs it.");
            foreach (var key in new[] { "if", "runs-on", "container", "services", "strategy", "outputs", "with" })
            {
                if (Child(job, key) is { } other && Mentions(other, SecretReference))
                    problems.Add($"{where}: {key}: names a secret; secrets belong in the env: of the step that needs them.");
            }

            if (Child(job, "steps") is not YamlSequenceNode steps)
                continue;
            var index = 0;
            foreach (var stepNode in steps.Children)
            {
                index++;
                var step = (YamlMappingNode)stepNode;
                var at = $"{where}, step {index}{(Scalar(Child(step, "name")) is { } name ? $" ('{name}')" : "")}";
                CheckStep(at, step, events, hasEnvironment, problems);
            }
        }

        return problems;
    }

    private static void CheckStep(string at, YamlMappingNode step, HashSet<string> events, bool hasEnvironment, List<string> problems)
    {
        var uses = Scalar(Child(step, "uses")) ?? "";
        var with = Child(step, "with") as YamlMappingNode;

        // Untrusted text (titles, bodies, branch names, labels, inputs) must never become part of a script.
        if (Scalar(Child(step, "run")) is { } run && run.Contains("${{", StringComparison.Ordinal))
            problems.Add($"{at}: run: contains a ${{{{ }}}} expression; pass the value through env: and use \"$NAME\" in the script.");
        if (uses.StartsWith("actions/github-script@", StringComparison.Ordinal) && Scalar(Child(with, "script")) is { } script && script.Contains("${{", StringComparison.Ordinal))
            problems.Add($"{at}: the github-script script contains a ${{{{ }}}} expression; pass the value through env: and read process.env.");

        // Secrets only in the step that needs them, of a job in a protected environment, never where pull-request code runs.
        foreach (var key in new[] { "run", "if", "name", "uses", "working-directory", "shell" })
        {
            if (Child(step, key) is { } node && Mentions(node, SecretReference))
                problems.Add($"{at}: {key}: names a secret; give secrets to a step through env:.");
        }

        if (Mentions(step, SecretReference))
        {
            if (!hasEnvironment)
                problems.Add($"{at}: uses a secret in a job without a protected environment: (the secrets live in the 'production' environment).");
            if (events.Overlaps(PullRequestEvents))
                problems.Add($"{at}: uses a secret in a workflow that runs on pull requests, whose code comes from anyone.");
        }

        // A privileged run never checks out or fetches the pull request's code.
        if (events.Overlaps(PrivilegedEvents))
        {
            if (uses.StartsWith("actions/checkout@", StringComparison.Ordinal) && (Child(with, "ref") is not null || Child(with, "repository") is not null))
                problems.Add($"{at}: checks out another ref or repository in a {string.Join("/", events.Intersect(PrivilegedEvents))} workflow, which would run pull-request code with its privileges.");
            if (Scalar(Child(step, "run")) is { } privilegedRun && PullRequestFetch().IsMatch(privilegedRun))
                problems.Add($"{at}: fetches pull-request code in a {string.Join("/", events.Intersect(PrivilegedEvents))} workflow.");
        }
    }

    /// <summary>The workflow's default token reads at most; a job that writes says so itself.</summary>
    private static void CheckPermissions(string file, YamlMappingNode root, List<string> problems)
    {
        var permissions = Child(root, "permissions");
        if (permissions is null)
        {
            problems.Add($"{file}: has no permissions: at the top; set 'contents: read' (or {{}}) and grant more per job.");
            return;
        }

        if (Scalar(permissions) is { } all && all != "read-all")
            problems.Add($"{file}: permissions: {all} at the top; grant write permissions per job instead.");
        if (permissions is YamlMappingNode map)
        {
            foreach (var (scope, level) in map.Children)
            {
                if (Scalar(level) is not ("read" or "none"))
                    problems.Add($"{file}: permissions: {scope}: {Scalar(level)} at the top; grant write permissions per job instead.");
            }
        }
    }

    /// <summary>Every action is pinned to a full commit SHA, with the version it is in a comment; local actions are ours.</summary>
    private static void CheckPinnedActions(string file, string text, List<string> problems)
    {
        var line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            var match = UsesLine().Match(raw);
            if (!match.Success)
                continue;
            var target = match.Groups["target"].Value.Trim('"', '\'');
            if (target.StartsWith("./", StringComparison.Ordinal))
                continue;
            if (target.StartsWith("docker://", StringComparison.Ordinal))
            {
                if (!target.Contains("@sha256:", StringComparison.Ordinal))
                    problems.Add($"{file}:{line}: {target} is not pinned to an image digest (@sha256:...).");
                continue;
            }

            if (!PinnedAction().IsMatch(target))
                problems.Add($"{file}:{line}: {target} is not pinned to a full commit SHA; use owner/repo@<40 hex digits> # vX.Y.Z.");
            else if (!match.Groups["comment"].Value.Contains('v', StringComparison.Ordinal))
                problems.Add($"{file}:{line}: {target} has no '# vX.Y.Z' comment saying which release the SHA is.");
        }
    }

    private static HashSet<string> Events(YamlNode? on) => on switch
    {
        YamlScalarNode scalar => new HashSet<string>(StringComparer.Ordinal) { scalar.Value ?? "" },
        YamlSequenceNode sequence => sequence.Children.Select(Scalar).OfType<string>().ToHashSet(StringComparer.Ordinal),
        YamlMappingNode mapping => mapping.Children.Keys.Select(Scalar).OfType<string>().ToHashSet(StringComparer.Ordinal),
        _ => new HashSet<string>(),
    };

    private static bool Mentions(YamlNode node, Regex pattern) => node switch
    {
        YamlScalarNode scalar => pattern.IsMatch(scalar.Value ?? ""),
        YamlSequenceNode sequence => sequence.Children.Any(c => Mentions(c, pattern)),
        YamlMappingNode mapping => mapping.Children.Any(p => Mentions(p.Key, pattern) || Mentions(p.Value, pattern)),
        _ => false,
    };

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>A secret other than the workflow's own token (which permissions: limits).</summary>
    private static Regex SecretReference { get; } = SecretPattern();

    [GeneratedRegex(@"secrets\.(?!GITHUB_TOKEN\b)[A-Za-z_]|secrets\[")]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"^\s*(-\s+)?uses:\s*(?<target>[^\s#]+)\s*(?<comment>#.*)?$")]
    private static partial Regex UsesLine();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[^@]+)?@[0-9a-f]{40}$")]
    private static partial Regex PinnedAction();

    [GeneratedRegex(@"refs/pull/|gh\s+pr\s+checkout|git\s+fetch[^\n]*pull/")]
    private static partial Regex PullRequestFetch();
}
