namespace Onboarding.Services;

/// <summary>Clients of HubSpot, Freshdesk and GitHub, one folder per service, behind the interfaces in Onboarding.Core.Services.</summary>
internal static class ServicesAssembly;
