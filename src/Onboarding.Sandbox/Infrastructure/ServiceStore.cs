using System.Text.Json;

namespace Onboarding.Sandbox.Infrastructure;

/// <summary>
/// One emulated service's whole state behind one lock, shared by the stores of its resources (a store per resource,
/// such as contacts or issues). <see cref="EmulatorRoutes"/> holds the lock around every store operation, so the stores
/// take none of their own; anything else (tests, inspection, saving) goes through <see cref="Read{T}"/> or
/// <see cref="Change"/>.
/// </summary>
public abstract class ServiceStore<TState>
    where TState : class
{
    private readonly JsonSerializerOptions _stateJson;

    protected ServiceStore(TState state, TimeProvider time, JsonSerializerOptions stateJson)
    {
        State = state;
        Time = time;
        _stateJson = stateJson;
    }

    /// <summary>The clock of the whole emulator (<see cref="SandboxOptions.Time"/> in the sandbox).</summary>
    public TimeProvider Time { get; }

    /// <summary>Held by <see cref="EmulatorRoutes"/> around each store operation.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>The live state: touch it only while holding <see cref="Gate"/> (inside a store operation).</summary>
    internal TState State { get; }

    internal DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Runs <paramref name="read"/> on the live state under the lock.</summary>
    public T Read<T>(Func<TState, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (Gate)
        {
            return read(State);
        }
    }

    /// <summary>Changes the state under the lock, from outside the API (as a test or a seeding command does).</summary>
    public void Change(Action<TState> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (Gate)
        {
            change(State);
        }
    }

    /// <summary>The whole state as JSON, to keep the sandbox between runs; each store's <c>ImportJson</c> reads it back.</summary>
    public string ExportJson() => Read(state => JsonSerializer.Serialize(state, _stateJson));
}
