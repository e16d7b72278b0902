using Onboarding.Testing;

namespace Onboarding.Core.Tests.Workflows;

/// <summary>
/// Every workflow in .github/workflows, including ones added later, follows the safety rules; and each rule can fail.
/// </summary>
public sealed class WorkflowSafetyTests
{
    private const string Pinned = "actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09 # v5.1.0";

    [Fact]
    public void Workflows_EveryFileInTheRepository_FollowsTheSafetyRules()
    {
        // Given every workflow file, whoever added it
        var folder = RepositoryFiles.PathOf(".github/workflows");
        var files = Directory.GetFiles(folder).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

        // When
        var problems = files.SelectMany(f => WorkflowRules.Check(".github/workflows/" + Path.GetFileName(f), File.ReadAllText(f))).ToList();

        // Then
        files.Count.ShouldBeGreaterThanOrEqualTo(3, "the validate, apply and first-value workflows at least");
        problems.ShouldBeEmpty(string.Join('\n', problems));
    }

    [Fact]
    public void Check_SafeWorkflow_HasNoProblem()
    {
        var problems = WorkflowRules.Check("ok.yml", $$$"""
            on:
              pull_request:
            permissions:
              contents: read
            jobs:
              plan:
                runs-on: ubuntu-latest
                permissions:
                  pull-requests: write
                steps:
                  - uses: {{{Pinned}}}
                  - name: Plan
                    env:
                      TITLE: ${{ github.event.pull_request.title }}
                    run: echo "$TITLE"
            """);

        problems.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("run: echo \"${{ github.event.issue.title }}\"", "run: contains a ${{ }} expression")]
    [InlineData("run: git checkout ${{ github.head_ref }}", "run: contains a ${{ }} expression")]
    [InlineData("uses: actions/checkout@v5", "is not pinned to a full commit SHA")]
    [InlineData("uses: someone/action@main", "is not pinned to a full commit SHA")]
    [InlineData("uses: actions/checkout@fbc6f3992d24b796d5a048ff273f7fcc4a7b6c09", "has no '# vX.Y.Z' comment")]
    [InlineData("uses: docker://alpine:3", "is not pinned to an image digest")]
    [InlineData("env:\n    TOKEN: ${{ secrets.HUBSPOT_TOKEN }}\n  run: ./apply", "uses a secret in a job without a protected environment")]
    [InlineData("run: ./apply --token \"$T\"\n  if: ${{ secrets.HUBSPOT_TOKEN != '' }}", "if: names a secret")]
    public void Check_UnsafeStep_NamesTheRule(string step, string expected)
    {
        // Given a workflow on issues (as an issue-form-to-pull-request workflow would be) with one unsafe step
        var text = $$$"""
            on:
              issues:
                types: [opened]
            permissions:
              contents: read
            jobs:
              work:
                runs-on: ubuntu-latest
                steps:
                  - {{{step.Replace("\n", "\n      ", StringComparison.Ordinal)}}}
            """;

        // When
        var problems = WorkflowRules.Check("issue-form.yml", text);

        // Then
        problems.ShouldContain(p => p.Contains(expected, StringComparison.Ordinal), string.Join('\n', problems));
    }

    [Fact]
    public void Check_PullRequestTargetCheckingOutTheHead_IsRefused()
    {
        var problems = WorkflowRules.Check("pr-target.yml", $$$"""
            on: pull_request_target
            permissions:
              contents: read
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: {{{Pinned}}}
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: git fetch origin refs/pull/1/head
            """);

        problems.ShouldContain(p => p.Contains("checks out another ref or repository in a pull_request_target workflow", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("fetches pull-request code in a pull_request_target workflow", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_SecretsOnPullRequestsOrBroadlyGiven_AreRefused()
    {
        var problems = WorkflowRules.Check("drift.yml", $$$"""
            on: [pull_request, schedule]
            permissions: write-all
            env:
              KEY: ${{ secrets.FRESHDESK_API_KEY }}
            jobs:
              drift:
                runs-on: ubuntu-latest
                environment: production
                env:
                  TOKEN: ${{ secrets.HUBSPOT_TOKEN }}
                steps:
                  - env:
                      TOKEN: ${{ secrets.HUBSPOT_TOKEN }}
                    run: ./drift
              call:
                uses: ./.github/workflows/apply.yml
                secrets: inherit
            """);

        problems.ShouldContain("drift.yml: permissions: write-all at the top; grant write permissions per job instead.");
        problems.ShouldContain("drift.yml: env: at the workflow level names a secret; give it only to the step that needs it.");
        problems.ShouldContain("drift.yml: job 'drift': env: at the job level names a secret; give it only to the step that needs it.");
        problems.ShouldContain("drift.yml: job 'drift', step 1: uses a secret in a workflow that runs on pull requests, whose code comes from anyone.");
        problems.ShouldContain("drift.yml: job 'call': secrets: inherit passes every secret; pass only those the called workflow needs.");
    }

    [Fact]
    public void Check_NoTopLevelPermissions_IsRefused()
    {
        var problems = WorkflowRules.Check("bare.yml", """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: echo hi
            """);

        problems.ShouldBe(["bare.yml: has no permissions: at the top; set 'contents: read' (or {}) and grant more per job."]);
    }
}
