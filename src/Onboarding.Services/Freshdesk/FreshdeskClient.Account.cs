using System.Globalization;
using Onboarding.Core.Services.Freshdesk;
using Onboarding.Services.Http;

namespace Onboarding.Services.Freshdesk;

/// <summary><see cref="IFreshdeskAccount"/>: the helpdesk's mailboxes and company fields, for doctor and setup.</summary>
public sealed partial class FreshdeskClient : IFreshdeskAccount
{
    public async Task<IReadOnlyList<FreshdeskEmailConfig>> ListEmailConfigsAsync(CancellationToken cancellationToken = default)
    {
        var configs = await GetAsync("api/v2/email_configs", "list the email configurations", FreshdeskClientJson.Default.ListEmailConfigAnswer, cancellationToken);
        return [.. (configs ?? []).Select(c => new FreshdeskEmailConfig(c.Id, c.Name ?? "", c.ReplyEmail ?? ""))];
    }

    public async Task<FreshdeskCompanyFields> ListCompanyFieldsAsync(CancellationToken cancellationToken = default)
    {
        const string operation = "list the company fields";
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v2/company_fields");
        using var response = await _http.SendAsync(request, ServiceName, Service, operation, cancellationToken);
        await ThrowIfFailedAsync(response, request, operation, cancellationToken);
        var fields = await response.ReadJsonAsync(FreshdeskClientJson.Default.ListCompanyFieldAnswer, ServiceName, Service, operation, cancellationToken);
        int? announced = response.Headers.TryGetValues("X-RateLimit-Total", out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var total) ? total : null;
        return new FreshdeskCompanyFields([.. fields.Select(Field)], announced);
    }

    public async Task<FreshdeskField> CreateCompanyFieldAsync(string label, string type, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        var body = ServiceRequests.JsonBody(new CompanyFieldInput(label, type), FreshdeskClientJson.Default.CompanyFieldInput);
        return Field(await SendAsync(HttpMethod.Post, "api/v2/admin/company_fields", body, $"create the company field {label}", FreshdeskClientJson.Default.CompanyFieldAnswer, cancellationToken));
    }

    private static FreshdeskField Field(CompanyFieldAnswer f) => new(f.Id, f.Name ?? "", f.Label ?? "", f.Type ?? "");
}
