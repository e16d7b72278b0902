using System.Text;
using Onboarding.Core.Manifests;
using Onboarding.Core.Turnup;
using Onboarding.Testing;

namespace Onboarding.Core.Tests.Turnup;

/// <summary>Issue templates for the tests: the sandbox's samples, or text written in a test.</summary>
internal static class Templates
{
    /// <summary>The sample templates the sandbox's infrastructure repository is seeded with, by file name.</summary>
    public static IReadOnlyList<string> SampleFiles { get; } =
        ["02_new-hub_phase-0.md", "03_new-hub_phase-1.yaml", "04_new-hub_phase-2.yaml", "05_new-hub_phase-3.yaml", "06_decommission-hub.md"];

    public static IssueTemplate Sample(string fileName) =>
        Parse(fileName, File.ReadAllText(RepositoryFiles.PathOf("src/Onboarding.Sandbox/GitHub/Templates/" + fileName)));

    /// <summary>A template that must read without a problem.</summary>
    public static IssueTemplate Parse(string fileName, string text)
    {
        var (template, problems) = Read(fileName, text);
        problems.ShouldBeEmpty();
        return template!;
    }

    /// <summary>Every problem as the CLI prints it (<c>file:line:column: error: field: sentence</c>).</summary>
    public static IReadOnlyList<string> Problems(string fileName, string text) => [.. Read(fileName, text).Problems.Select(p => p.ToString())];

    private static (IssueTemplate? Template, IReadOnlyList<Problem> Problems) Read(string fileName, string text) =>
        IssueTemplateReader.Read(new SourceFile(fileName, Encoding.UTF8.GetBytes(text)));
}
