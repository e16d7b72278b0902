namespace Onboarding.Core.Services.Freshdesk;

/// <summary>How the helpdesk is set up for onboarding: its mailboxes, its company fields and the budget it announces.</summary>
public interface IFreshdeskAccount
{
    /// <summary>The support mailboxes (email configurations) outbound email may be sent from.</summary>
    Task<IReadOnlyList<FreshdeskEmailConfig>> ListEmailConfigsAsync(CancellationToken cancellationToken = default);

    /// <summary>Every company field (default and custom), with the request budget the answer announced.</summary>
    Task<FreshdeskCompanyFields> ListCompanyFieldsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates a custom company field; Freshdesk derives its name from <paramref name="label"/> and answers with it.</summary>
    /// <param name="type">Freshdesk's field type, such as <c>custom_paragraph</c> or <c>custom_url</c>.</param>
    Task<FreshdeskField> CreateCompanyFieldAsync(string label, string type, CancellationToken cancellationToken = default);
}

public sealed record FreshdeskEmailConfig(long Id, string Name, string ReplyEmail);

/// <summary>A field definition; <paramref name="Type"/> is Freshdesk's (<c>custom_text</c>, <c>custom_paragraph</c>, <c>custom_url</c>, <c>default_name</c>, …).</summary>
public sealed record FreshdeskField(long Id, string Name, string Label, string Type);

/// <param name="AnnouncedLimit">The account's budget from <c>X-RateLimit-Total</c>; null when the answer did not say.</param>
public sealed record FreshdeskCompanyFields(IReadOnlyList<FreshdeskField> Fields, int? AnnouncedLimit);
