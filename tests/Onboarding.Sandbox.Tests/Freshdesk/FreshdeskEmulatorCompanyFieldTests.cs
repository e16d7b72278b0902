using System.Net;
using Onboarding.Sandbox.Freshdesk;

namespace Onboarding.Sandbox.Tests.Freshdesk;

public sealed class FreshdeskEmulatorCompanyFieldTests
{
    [Fact]
    public async Task CompanyFields_CreatedFromALabel_ListedAndUsableOnACompany()
    {
        // Given a helpdesk without custom company fields
        await using var h = await FreshdeskHarness.StartAsync(new FreshdeskSeed { CompanyCustomFields = [] });

        // When
        using var refused = await h.PostAsync("api/v2/companies", new { name = "Alpha", custom_fields = new { hub_urls = "https://a.example" } });
        using var created = await h.PostAsync("api/v2/admin/company_fields", new { label = "Hub URLs", type = "custom_paragraph" });
        using var again = await h.PostAsync("api/v2/admin/company_fields", new { label = "hub urls", type = "custom_paragraph" });
        using var badType = await h.PostAsync("api/v2/admin/company_fields", new { label = "Other", type = "paragraph" });
        var fields = (await FreshdeskHarness.ReadAsync(await h.Http.GetAsync("api/v2/company_fields"))).AsArray();
        using var accepted = await h.PostAsync("api/v2/companies", new { name = "Alpha", custom_fields = new { hub_urls = "https://a.example" } });

        // Then
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        ((string?)(await FreshdeskHarness.ReadAsync(created))["name"]).ShouldBe("hub_urls");
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        badType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        fields.ShouldContain(f => (string?)f!["name"] == "name" && (string?)f["type"] == "default_name");
        fields.ShouldContain(f => (string?)f!["name"] == "hub_urls" && (string?)f["type"] == "custom_paragraph");
        accepted.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task CreateCompanyField_OutsideTheAdminPath_IsNotServed()
    {
        // Given
        await using var h = await FreshdeskHarness.StartAsync(new FreshdeskSeed { CompanyCustomFields = [] });

        // When a field is posted where the fields are listed, not where Freshdesk creates them (/api/v2/admin/company_fields)
        using var response = await h.PostAsync("api/v2/company_fields", new { label = "Hub URLs", type = "custom_paragraph" });
        var fields = (await FreshdeskHarness.ReadAsync(await h.Http.GetAsync("api/v2/company_fields"))).AsArray();

        // Then
        ((int)response.StatusCode).ShouldBeOneOf(404, 405);
        fields.ShouldNotContain(f => (string?)f!["name"] == "hub_urls");
    }
}
