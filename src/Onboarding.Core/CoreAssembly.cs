namespace Onboarding.Core;

/// <summary>The domain: manifests, validation, and (later) the plan. No network, no processes.</summary>
internal static class CoreAssembly;
