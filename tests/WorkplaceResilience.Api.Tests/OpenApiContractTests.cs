using System.Text.Json;
using System.Text.Json.Nodes;
using WorkplaceResilience.Api.Tests.Hosting;

namespace WorkplaceResilience.Api.Tests;

/// <summary>
/// The web client checks its types against a copy of the service's OpenAPI description (src/api/contract.test.ts in
/// the front end). This keeps that copy equal to what the service really describes, so the two cannot drift apart.
/// </summary>
public sealed class OpenApiContractTests
{
    private static readonly string Copy = Path.Combine(
        DeploymentFilesTests.RepoRoot, "src", "WorkplaceResilience.Web", "src", "api", "openapi.json");

    [Fact]
    public async Task The_web_clients_copy_of_the_API_description_is_what_the_service_serves()
    {
        await using var host = new ApiHost(await TestDatabase.CreateAsync(DatabaseKind.Sqlite), employees: 10);
        _ = host.Server;
        var served = JsonNode.Parse(await host.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();
        served.Remove("servers"); // the test host's address, not part of the contract
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).ReplaceLineEndings("\n") + "\n";

        if (Environment.GetEnvironmentVariable("WR_UPDATE_OPENAPI") == "1") await File.WriteAllTextAsync(Copy, text);
        Assert.True(File.Exists(Copy) && (await File.ReadAllTextAsync(Copy)).ReplaceLineEndings("\n") == text,
            "src/WorkplaceResilience.Web/src/api/openapi.json differs from /openapi/v1.json. Refresh it with " +
            "`WR_UPDATE_OPENAPI=1 dotnet test tests/WorkplaceResilience.Api.Tests --filter OpenApiContractTests`, then run the " +
            "front end's tests, which check the client's types against it.");
    }
}
