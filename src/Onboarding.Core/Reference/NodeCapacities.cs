using System.Text.Json;
using System.Text.Json.Serialization;

namespace Onboarding.Core.Reference;

/// <summary>CPU and memory of one cloud node type; <see cref="Available"/> is what a user server can get.</summary>
public sealed record NodeCapacity(
    [property: JsonPropertyName("capacity")] NodeResources Capacity,
    [property: JsonPropertyName("allocatable")] NodeResources Allocatable,
    [property: JsonPropertyName("measured_overhead")] NodeResources MeasuredOverhead,
    [property: JsonPropertyName("available")] NodeResources Available);

public sealed record NodeResources(
    [property: JsonPropertyName("cpu")] double Cpu,
    [property: JsonPropertyName("memory")] long Memory);

/// <summary>The measured node types from the infrastructure team (embedded copy of node-capacity-info.json).</summary>
public static class NodeCapacities
{
    private static readonly Lazy<IReadOnlyDictionary<string, NodeCapacity>> Embedded = new(Load);

    public static IReadOnlyDictionary<string, NodeCapacity> All => Embedded.Value;

    private static SortedDictionary<string, NodeCapacity> Load()
    {
        using var stream = typeof(NodeCapacities).Assembly.GetManifestResourceStream("node-capacity-info.json")
            ?? throw new InvalidOperationException("The node capacity data is not embedded in the build.");
        var nodes = JsonSerializer.Deserialize(stream, ReferenceJson.Default.DictionaryStringNodeCapacity)
            ?? throw new InvalidOperationException("The node capacity data is empty.");
        return new SortedDictionary<string, NodeCapacity>(nodes, StringComparer.Ordinal);
    }
}

/// <summary>Source-generated reading: reflection-based System.Text.Json costs tens of milliseconds at start-up.</summary>
[JsonSerializable(typeof(Dictionary<string, NodeCapacity>))]
internal sealed partial class ReferenceJson : JsonSerializerContext;
