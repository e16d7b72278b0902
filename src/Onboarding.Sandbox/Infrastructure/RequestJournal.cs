using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>One request as an emulator saw it.</summary>
/// <param name="Path">The path as the server decoded it (escaped characters such as <c>%40</c> are read back, <c>%2F</c> stays).</param>
/// <param name="Query">The query string as it was sent, with its leading <c>?</c>; empty when there is none.</param>
/// <param name="ChangedState">True when the handler changed the emulator's state (set by the store, not guessed from the method:
/// HubSpot's search and batch read are POSTs that change nothing).</param>
public sealed record JournalEntry(
    long Sequence,
    string Service,
    string Method,
    string Path,
    string Query,
    string? Body,
    int Status,
    bool ChangedState,
    string? Fault,
    DateTimeOffset At);

/// <summary>Every request every emulator served, in order. Tests read it to prove what was (not) sent.</summary>
public sealed class RequestJournal
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();
    private long _sequence;

    public IReadOnlyList<JournalEntry> Entries => [.. _entries];

    public IReadOnlyList<JournalEntry> StateChanges => [.. _entries.Where(e => e.ChangedState)];

    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>Raised after each request is recorded (tests use it to stop a run at an exact point).</summary>
    public event Action<JournalEntry>? Recorded;

    public void Add(JournalEntry entry)
    {
        _entries.Enqueue(entry);
        Recorded?.Invoke(entry);
    }

    public void Clear() => _entries.Clear();

    /// <summary>
    /// Writes every request recorded from now on to <paramref name="path"/> (replaced if it exists), one JSON line each,
    /// until the returned file is disposed. Read it back with <see cref="JournalFile.Read"/>.
    /// </summary>
    /// <exception cref="IOException">The file could not be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public JournalFile WriteTo(string path) => new(this, path);
}

/// <summary>
/// A request journal as JSON lines, so a user sees exactly what the emulators received and tests read the same file.
/// Each line is one request in the order the answers were recorded: <c>sequence</c>, <c>service</c>, <c>method</c>,
/// <c>path</c> (escaped, with the query), <c>body</c> (the JSON itself when the body was JSON, otherwise its text, null
/// when there was none), <c>status</c>, <c>changedState</c>, <c>fault</c> and <c>at</c>.
/// </summary>
/// <remarks>Each line is flushed as it is written, so a run that stops halfway leaves every request it made readable.</remarks>
public sealed class JournalFile : IDisposable
{
    // Relaxed escaping keeps the file readable (no \u003C for every < of an HTML body); it is never embedded in HTML.
    private static readonly JsonWriterOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions BodyOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly RequestJournal _journal;
    private readonly StreamWriter _writer;
    private readonly Lock _gate = new();
    private bool _disposed;

    internal JournalFile(RequestJournal journal, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        _writer = new StreamWriter(new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)) { AutoFlush = true };
        _journal = journal;
        _journal.Recorded += Write;
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <summary>One entry as its line (without the line break).</summary>
    public static string ToLine(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, LineOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("sequence", entry.Sequence);
            json.WriteString("service", entry.Service);
            json.WriteString("method", entry.Method);
            json.WriteString("path", new PathString(entry.Path).ToUriComponent() + entry.Query);
            json.WritePropertyName("body");
            WriteBody(json, entry.Body);
            json.WriteNumber("status", entry.Status);
            json.WriteBoolean("changedState", entry.ChangedState);
            json.WriteString("fault", entry.Fault);
            json.WriteString("at", entry.At);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The entries in <paramref name="path"/>, in the order of its lines. A JSON body comes back in compact form (the
    /// same JSON, without the sender's whitespace); a text body as it was.
    /// </summary>
    /// <exception cref="InvalidDataException">A line is not a journal entry; the message names the file and the line.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static IReadOnlyList<JournalEntry> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var entries = new List<JournalEntry>();
        var number = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
                continue;
            try
            {
                entries.Add(FromLine(line));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{path}, line {number}: not a journal entry ({e.Message})", e);
            }
        }

        return entries;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            _disposed = true;
            _journal.Recorded -= Write;
            _writer.Dispose();
        }
    }

    private void Write(JournalEntry entry)
    {
        var line = ToLine(entry);
        lock (_gate)
        {
            if (!_disposed)
                _writer.WriteLine(line);
        }
    }

    private static JournalEntry FromLine(string line)
    {
        var node = JsonNode.Parse(line) as JsonObject ?? throw new FormatException("it is not a JSON object");
        var sequence = Field(node, "sequence").GetValue<long>();
        var service = Field(node, "service").GetValue<string>();
        var method = Field(node, "method").GetValue<string>();
        var target = Field(node, "path").GetValue<string>();
        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var (path, query) = queryStart < 0 ? (target, "") : (target[..queryStart], target[queryStart..]);
        var body = node["body"] switch
        {
            null => null,
            JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
            var json => json.ToJsonString(BodyOptions),
        };
        return new JournalEntry(
            sequence,
            service,
            method,
            PathString.FromUriComponent(path).Value ?? "/",
            query,
            body,
            Field(node, "status").GetValue<int>(),
            Field(node, "changedState").GetValue<bool>(),
            node["fault"]?.GetValue<string>(),
            Field(node, "at").GetValue<DateTimeOffset>());
    }

    private static JsonNode Field(JsonObject line, string name) => line[name] ?? throw new FormatException($"it has no \"{name}\"");

    /// <summary>A body that is a JSON object or array is written as that JSON; any other body as its text.</summary>
    private static void WriteBody(Utf8JsonWriter json, string? body)
    {
        if (body is null)
        {
            json.WriteNullValue();
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                document.RootElement.WriteTo(json);
                return;
            }
        }
        catch (JsonException)
        {
            // Not JSON: written as text below.
        }

        json.WriteStringValue(body);
    }
}
