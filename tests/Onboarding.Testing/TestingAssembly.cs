namespace Onboarding.Testing;

/// <summary>Builders and fakes shared by the test projects.</summary>
internal static class TestingAssembly;
