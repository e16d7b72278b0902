namespace Onboarding.Sandbox.Tests.Persistence;

/// <summary>A state folder of its own for one test, removed afterwards.</summary>
internal sealed class StateFolder : IDisposable
{
    public StateFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "onboarding-sandbox-state-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
