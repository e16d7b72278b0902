using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Sandbox;

/// <summary>
/// The sandbox's kept state could not be read, written or removed. The message is one sentence for a person: it names
/// the file or folder and what to do (usually: run with <c>--reset</c>).
/// </summary>
public sealed class SandboxStateException : Exception
{
    public SandboxStateException(string message, string path, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
    }

    public SandboxStateException()
        : this("The sandbox state could not be used.", "")
    {
    }

    public SandboxStateException(string message)
        : this(message, "")
    {
    }

    public SandboxStateException(string message, Exception inner)
        : this(message, "", inner)
    {
    }

    /// <summary>The state file or folder concerned, as the caller named it.</summary>
    public string Path { get; }
}

/// <summary>
/// One file per service in the state folder: <c>{"format", "version", "service", "state"}</c>, the state being what the
/// store's <c>ExportJson</c> writes. Files are replaced whole (temporary file, then move), so a crash while saving
/// leaves the previous state, never half of one.
/// </summary>
internal static class SandboxStateFiles
{
    /// <summary>Raise when a store's state changes shape or a seed changes what a fresh sandbox holds.</summary>
    public const int CurrentVersion = 2;

    public const string Format = "onboarding-sandbox-state";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string FileOf(string directory, string service) => System.IO.Path.Combine(directory, service + ".json");

    /// <summary>The kept state of one service, or null when the folder holds none for it.</summary>
    public static T? Load<T>(string directory, string service, Func<string, T> import)
        where T : class
    {
        var path = FileOf(directory, service);
        if (!File.Exists(path))
            return null;
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SandboxStateException(
                $"The sandbox state file {path} could not be read ({e.Message}); check its permissions, or run with --reset to start the sandbox afresh.", path, e);
        }

        JsonObject envelope;
        try
        {
            envelope = JsonNode.Parse(text) as JsonObject ?? throw Damaged(path, "it is not sandbox state");
        }
        catch (JsonException e)
        {
            throw Damaged(path, $"it is not valid JSON at line {(e.LineNumber ?? 0) + 1}", e);
        }

        try
        {
            if ((string?)envelope["format"] != Format || envelope["version"] is not JsonValue versionValue || !versionValue.TryGetValue<int>(out var version))
                throw Damaged(path, "it is not sandbox state");
            if (version < CurrentVersion)
                throw new SandboxStateException($"The sandbox state in {Shown(directory)} was written by an older version; run with --reset.", path);
            if (version > CurrentVersion)
                throw new SandboxStateException($"The sandbox state in {Shown(directory)} was written by a newer version of onboarding; update onboarding, or run with --reset.", path);
            if ((string?)envelope["service"] != service)
                throw Damaged(path, $"it holds the state of another service ({(string?)envelope["service"] ?? "none"})");
            if (envelope["state"] is not JsonObject state)
                throw Damaged(path, "its state is missing");
            return import(state.ToJsonString());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            // Hand edits that are valid JSON but not a valid state: wrong types, duplicate keys, a broken record graph.
            throw Damaged(path, "its content does not fit the sandbox's state", e);
        }
    }

    public static async Task SaveAsync(string directory, string service, string stateJson, CancellationToken cancellationToken)
    {
        var path = FileOf(directory, service);
        var temporary = System.IO.Path.Combine(directory, $".{service}.json.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            var envelope = new JsonObject
            {
                ["format"] = Format,
                ["version"] = CurrentVersion,
                ["service"] = service,
                ["state"] = JsonNode.Parse(stateJson),
            };
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await JsonSerializer.SerializeAsync(stream, envelope, Indented, cancellationToken);
                // On disk before the move, or a power cut could leave an empty file under the real name.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new SandboxStateException($"The sandbox state could not be saved to {path} ({e.Message}).", path, e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Deletes the files of <paramref name="services"/> (and temporary files a crash left behind), nothing else.</summary>
    public static void Delete(string directory, IReadOnlyList<string> services)
    {
        if (!Directory.Exists(directory))
            return;
        var leftovers = Directory.EnumerateFiles(directory, ".*.json.*.tmp").Where(f => services.Any(s => System.IO.Path.GetFileName(f).StartsWith($".{s}.json.", StringComparison.Ordinal)));
        foreach (var path in services.Select(s => FileOf(directory, s)).Concat(leftovers.ToList()))
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SandboxStateException($"The sandbox state file {path} could not be deleted ({e.Message}).", path, e);
            }
        }
    }

    private static SandboxStateException Damaged(string path, string why, Exception? inner = null) =>
        new($"The sandbox state file {path} cannot be used: {why}. Run with --reset to start the sandbox afresh.", path, inner);

    private static string Shown(string directory) => System.IO.Path.TrimEndingDirectorySeparator(directory);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The save already failed; that error is the one to report.
        }
    }
}
