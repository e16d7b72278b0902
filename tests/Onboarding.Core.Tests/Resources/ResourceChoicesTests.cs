using Onboarding.Core.Reference;
using Onboarding.Core.Resources;

namespace Onboarding.Core.Tests.Resources;

public sealed class ResourceChoicesTests
{
    // Expected YAML below was worked out from PRODUCT.md's rules with python3 (floats as repr) and checked by hand:
    // r5.xlarge available 31859916406 B, 3.725 CPU -> M' = 31859916406 - 637198328.12 = 31222718077.88, C' = 3.6505.
    private const string R5XLarge4 = """
        mem_4_gb:
          display_name: ~4 GB RAM, ~0.5 CPUs
          description: Up to ~4 CPUs when available
          kubespawner_override:
            mem_guarantee: 3902839759
            mem_limit: 3902839759
            cpu_guarantee: 0.4563125
            cpu_limit: 3.6505
            node_selector:
              node.kubernetes.io/instance-type: r5.xlarge
        mem_7_gb:
          display_name: ~7 GB RAM, ~0.9 CPUs
          description: Up to ~4 CPUs when available
          kubespawner_override:
            mem_guarantee: 7805679519
            mem_limit: 7805679519
            cpu_guarantee: 0.912625
            cpu_limit: 3.6505
            node_selector:
              node.kubernetes.io/instance-type: r5.xlarge
        mem_15_gb:
          display_name: ~15 GB RAM, ~1.8 CPUs
          description: Up to ~4 CPUs when available
          kubespawner_override:
            mem_guarantee: 15611359038
            mem_limit: 15611359038
            cpu_guarantee: 1.82525
            cpu_limit: 3.6505
            node_selector:
              node.kubernetes.io/instance-type: r5.xlarge
        mem_29_gb:
          display_name: ~29 GB RAM, ~4 CPUs
          description: ~4 CPUs always available
          kubespawner_override:
            mem_guarantee: 31222718077
            mem_limit: 31222718077
            cpu_guarantee: 3.6505
            cpu_limit: 3.6505
            node_selector:
              node.kubernetes.io/instance-type: r5.xlarge

        """;

    // n2-highmem-4: 28967406928 B, 3.45 CPU -> M' = 28388058789.44, C' = 3.45 - 0.069 = 3.3810000000000002 in binary.
    private const string N2Highmem4Default = """
        mem_7_gb:
          display_name: ~7 GB RAM, ~0.8 CPUs
          description: Up to ~3 CPUs when available
          kubespawner_override:
            mem_guarantee: 7097014697
            mem_limit: 7097014697
            cpu_guarantee: 0.8452500000000001
            cpu_limit: 3.3810000000000002
            node_selector:
              node.kubernetes.io/instance-type: n2-highmem-4
          default: true
        mem_13_gb:
          display_name: ~13 GB RAM, ~1.7 CPUs
          description: Up to ~3 CPUs when available
          kubespawner_override:
            mem_guarantee: 14194029394
            mem_limit: 14194029394
            cpu_guarantee: 1.6905000000000001
            cpu_limit: 3.3810000000000002
            node_selector:
              node.kubernetes.io/instance-type: n2-highmem-4
        mem_26_gb:
          display_name: ~26 GB RAM, ~3 CPUs
          description: ~3 CPUs always available
          kubespawner_override:
            mem_guarantee: 28388058789
            mem_limit: 28388058789
            cpu_guarantee: 3.3810000000000002
            cpu_limit: 3.3810000000000002
            node_selector:
              node.kubernetes.io/instance-type: n2-highmem-4

        """;

    private const string TwiceR5XLarge2 = """
        mem_15_gb:
          display_name: ~15 GB RAM, ~1.8 CPUs
          description: Up to ~4 CPUs when available
          kubespawner_override:
            mem_guarantee: 15611359038
            mem_limit: 15611359038
            cpu_guarantee: 1.82525
            cpu_limit: 3.6505
            node_selector:
              node.kubernetes.io/instance-type: r5.xlarge
        mem_29_gb:
          display_name: ~29 GB RAM, ~4 CPUs
          description: ~4 CPUs always available
          kubespawner_override:
            mem_guarantee: 31222718077
            mem_limit: 31222718077
            cpu_guarantee: 3.6505
            cpu_limit: 3.6505
            node_selector:
              node.kubernetes.io/instance-type: r5.xlarge
        mem_15_gb_1:
          display_name: ~15 GB RAM, ~1.8 CPUs
          description: Up to ~4 CPUs when available
          kubespawner_override:
            mem_guarantee: 15611359038
            mem_limit: 15611359038
            cpu_guarantee: 1.82525
            cpu_limit: 3.6505
            node_selector:
              node.kubernetes.io/instance-type: r5.xlarge
        mem_29_gb_1:
          display_name: ~29 GB RAM, ~4 CPUs
          description: ~4 CPUs always available
          kubespawner_override:
            mem_guarantee: 31222718077
            mem_limit: 31222718077
            cpu_guarantee: 3.6505
            cpu_limit: 3.6505
            node_selector:
              node.kubernetes.io/instance-type: r5.xlarge

        """;

    [Fact]
    public void Generate_R5XLarge4_MatchesTheInfrastructureTool()
    {
        // When
        var result = ResourceChoices.Generate(["r5.xlarge:4"]);

        // Then
        result.IsValid.ShouldBeTrue();
        ResourceChoices.ToYaml(result.Choices).ShouldBe(R5XLarge4);
    }

    [Fact]
    public void Generate_N2Highmem4WithDefault_FirstChoiceIsDefault()
    {
        // When
        var result = ResourceChoices.Generate(["n2-highmem-4:3"], markDefault: true);

        // Then
        ResourceChoices.ToYaml(result.Choices).ShouldBe(N2Highmem4Default);
    }

    [Fact]
    public void Generate_SameSpecTwice_LaterKeysGetSuffixes()
    {
        // When
        var result = ResourceChoices.Generate(["r5.xlarge:2", "r5.xlarge:2"]);

        // Then
        ResourceChoices.ToYaml(result.Choices).ShouldBe(TwiceR5XLarge2);
    }

    [Fact]
    public void Generate_R5XLarge_ArithmeticWrittenOut()
    {
        // Given the node's available resources and the rules written out
        var node = NodeCapacities.All["r5.xlarge"];
        var memory = (double)node.Available.Memory;
        var usableMemory = memory - Math.Min(0.02 * memory, 2.0 * 1024 * 1024 * 1024);
        var usableCpu = node.Available.Cpu - Math.Min(0.02 * node.Available.Cpu, 1.0);

        // When
        var choices = ResourceChoices.Generate(["r5.xlarge:3"]).Choices;

        // Then: smallest first, each half of the next, CPU in proportion
        usableMemory.ShouldBe(31222718077.88, 0.001);
        usableCpu.ShouldBe(3.6505, 1e-12);
        choices.Select(c => c.MemLimit).ShouldBe([(long)(usableMemory / 4), (long)(usableMemory / 2), (long)usableMemory]);
        choices.Select(c => c.MemGuarantee).ShouldBe(choices.Select(c => c.MemLimit));
        choices.Select(c => c.CpuGuarantee).ShouldBe([usableCpu / 4, usableCpu / 2, usableCpu]);
        choices.ShouldAllBe(c => c.CpuLimit == usableCpu && c.NodeType == "r5.xlarge" && !c.IsDefault);
        choices[^1].Description.ShouldBe("~4 CPUs always available");
    }

    [Fact]
    public void Generate_BelowOneGiB_ShowsMegabytes()
    {
        // Given r5.xlarge's sixth choice: 31222718077.88 / 32 B = 930.5 MiB (not exactly: just above the tie)
        // When
        var smallest = ResourceChoices.Generate(["r5.xlarge:6"]).Choices[0];

        // Then
        smallest.Key.ShouldBe("mem_931_mb");
        smallest.DisplayName.ShouldBe("~931 MB RAM, ~0.1 CPUs");
        smallest.MemLimit.ShouldBe(975709939);
    }

    [Fact]
    public void Generate_SeveralSpecs_ConcatenatedInOrderDefaultOnFirst()
    {
        // When
        var choices = ResourceChoices.Generate(["r5.xlarge:1", "n2-highmem-4:1", "r5.xlarge:1"], markDefault: true).Choices;

        // Then
        choices.Select(c => (c.Key, c.NodeType, c.IsDefault)).ShouldBe(
        [
            ("mem_29_gb", "r5.xlarge", true),
            ("mem_26_gb", "n2-highmem-4", false),
            ("mem_29_gb_1", "r5.xlarge", false),
        ]);
    }

    [Fact]
    public void Generate_EveryMeasuredNodeTen_KeysUniqueAndHalving()
    {
        // When
        var result = ResourceChoices.Generate(NodeCapacities.All.Keys.Select(k => k + ":10"));

        // Then
        result.IsValid.ShouldBeTrue();
        result.Choices.Count.ShouldBe(NodeCapacities.All.Count * 10);
        result.Choices.Select(c => c.Key).ShouldBeUnique();
        foreach (var perNode in result.Choices.Chunk(10))
            perNode.Zip(perNode.Skip(1)).ShouldAllBe(p => p.First.MemLimit < p.Second.MemLimit);
    }

    [Theory]
    [InlineData("r5.xlarge", SpecProblemKind.Malformed, "\"r5.xlarge\" is not a resource spec; write the node type and the number of choices, e.g. r5.xlarge:4.")]
    [InlineData(":4", SpecProblemKind.Malformed, "\":4\" is not a resource spec; write the node type and the number of choices, e.g. r5.xlarge:4.")]
    [InlineData("r5.xlarge:four", SpecProblemKind.Malformed, "\"r5.xlarge:four\" is not a resource spec; write the node type and the number of choices, e.g. r5.xlarge:4.")]
    [InlineData("r5.xlarge:4:2", SpecProblemKind.Malformed, "\"r5.xlarge:4:2\" is not a resource spec; write the node type and the number of choices, e.g. r5.xlarge:4.")]
    [InlineData("r5.xlarge:-1", SpecProblemKind.Malformed, "\"r5.xlarge:-1\" is not a resource spec; write the node type and the number of choices, e.g. r5.xlarge:4.")]
    [InlineData("r5.xlarge:0", SpecProblemKind.Malformed, "\"r5.xlarge:0\" asks for 0 choices; ask for 1 to 10 (each choice halves the memory of the one before).")]
    [InlineData("r5.xlarge:11", SpecProblemKind.Malformed, "\"r5.xlarge:11\" asks for 11 choices; ask for 1 to 10 (each choice halves the memory of the one before).")]
    [InlineData("r5.huge:4", SpecProblemKind.UnknownNodeType, "There is no node type \"r5.huge\"; use one of: n2-highmem-16, n2-highmem-4, n2-standard-16, n2-standard-64, n4-standard-16, r5.16xlarge, r5.2xlarge, r5.4xlarge, r5.xlarge, r7i.4xlarge, r7i.xlarge.")]
    public void Generate_BadSpec_ClearSentenceNoChoices(string spec, SpecProblemKind kind, string message)
    {
        // When
        var result = ResourceChoices.Generate(["r5.xlarge:2", spec]);

        // Then
        result.IsValid.ShouldBeFalse();
        result.Choices.ShouldBeEmpty();
        result.Problems.ShouldBe([new SpecProblem(spec, kind, message)]);
    }

    [Fact]
    public void Generate_SeveralBadSpecs_AllReported()
    {
        // When
        var result = ResourceChoices.Generate(["x", "r5.huge:2"]);

        // Then
        result.Problems.Select(p => p.Kind).ShouldBe([SpecProblemKind.Malformed, SpecProblemKind.UnknownNodeType]);
    }
}
