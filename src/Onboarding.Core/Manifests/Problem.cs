namespace Onboarding.Core.Manifests;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One thing wrong with one file, located to its line and column.
/// </summary>
/// <param name="File">The path as the user gave it (forward slashes).</param>
/// <param name="Field">The field path, e.g. <c>hubs[0].domain</c>; empty for problems with the file as a whole.</param>
/// <param name="Message">A sentence a business-development colleague understands.</param>
public sealed record Problem(string File, SourceLocation Location, Severity Severity, string Field, string Message)
{
    public static Problem Error(string file, SourceLocation location, string field, string message) =>
        new(file, location, Severity.Error, field, message);

    public static Problem Warning(string file, SourceLocation location, string field, string message) =>
        new(file, location, Severity.Warning, field, message);

    private static string OneLine(string text) =>
        text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary><c>communities/x.yaml:12:5: error: hubs[0].domain: sentence</c>.</summary>
    public override string ToString()
    {
        var severity = Severity == Severity.Error ? "error" : "warning";
        var field = Field.Length == 0 ? "" : Field + ": ";

        // One problem, one line: a field name or value quoted from the file may hold a line break.
        return OneLine($"{File}:{Location.Line}:{Location.Column}: {severity}: {field}{Message}");
    }
}
