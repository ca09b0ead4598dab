using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkplaceResilience.Api.Tests;

/// <summary>
/// The deployment files agree with each other: what the pipeline passes to the Bicep deployment exists in
/// infra/main.bicep, every required template parameter gets a value, the pipeline's YAML passes yamllint, and the
/// templates hold no secret.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    internal static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WorkplaceResilience.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No WorkplaceResilience.sln above {AppContext.BaseDirectory}");
    }

    private static string Read(string relative) => File.ReadAllText(Path.Combine(RepoRoot, relative));

    internal sealed record TemplateParam(string Name, bool HasDefault, bool Secure);

    /// <summary>The <c>param</c> lines of a Bicep template, with their decorators.</summary>
    internal static IReadOnlyList<TemplateParam> TemplateParams(string bicep)
    {
        var result = new List<TemplateParam>();
        var secure = false;
        foreach (var raw in bicep.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("@secure()", StringComparison.Ordinal)) { secure = true; continue; }
            if (line.StartsWith('@') || line.StartsWith("//", StringComparison.Ordinal)) continue;
            var match = ParamLine().Match(line);
            if (match.Success) result.Add(new TemplateParam(match.Groups["name"].Value, match.Groups["default"].Success, secure));
            secure = false;
        }
        return result;
    }

    /// <summary>Names assigned in a .bicepparam file, and the environment variables it needs (no default).</summary>
    internal static (string Using, HashSet<string> Assigned, HashSet<string> RequiredEnvironment) ParamFile(string text)
    {
        var usingMatch = UsingLine().Match(text);
        var assigned = AssignLine().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet();
        var environment = RequiredEnvironmentRead().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet();
        return (usingMatch.Success ? usingMatch.Groups["path"].Value : "", assigned, environment);
    }

    /// <summary>Every argument that follows <c>--parameters</c> in the pipeline, quotes removed.</summary>
    internal static IReadOnlyList<string> PipelineParameterArguments(string pipeline)
    {
        var args = new List<string>();
        foreach (Match m in ParametersFlag().Matches(pipeline))
        {
            var rest = m.Groups["rest"].Value;
            var cut = rest.IndexOf(" --", StringComparison.Ordinal);
            if (cut >= 0) rest = rest[..cut];
            args.AddRange(ArgumentToken().Matches(rest.TrimEnd('\\', ' ')).Select(t => t.Value.Trim('"', '\'')));
        }
        return args;
    }

    private static IReadOnlyList<string> PipelineEnvironments(string pipeline) =>
        EnvironmentEntry().Matches(pipeline).Select(m => m.Groups["name"].Value).ToList();

    [Fact]
    public void The_parser_reads_names_defaults_and_secure_decorators()
    {
        var parsed = TemplateParams("@description('x')\nparam a string\n@secure()\nparam b string\nparam c int = 3\nvar d = 1\n");
        Assert.Equal([new("a", false, false), new("b", false, true), new("c", true, false)], parsed);
        Assert.Equal(["f.bicepparam", "x=1"], PipelineParameterArguments("az deployment group create \\\n  --parameters \"f.bicepparam\" x=1 --query y"));
    }

    [Fact]
    public void Every_parameter_the_pipeline_passes_exists_and_every_required_parameter_gets_a_value()
    {
        var template = TemplateParams(Read("infra/main.bicep"));
        var declared = template.Select(p => p.Name).ToHashSet();
        var pipeline = Read("azure-pipelines.yml");
        var environments = PipelineEnvironments(pipeline);
        Assert.Equal(["dev", "prod"], environments);

        var arguments = PipelineParameterArguments(pipeline);
        Assert.NotEmpty(arguments);
        var inline = arguments.Where(a => !a.EndsWith(".bicepparam", StringComparison.Ordinal))
            .Select(a => a.Split('=', 2)[0]).ToList();
        var files = arguments.Where(a => a.EndsWith(".bicepparam", StringComparison.Ordinal)).ToList();
        Assert.All(inline, name => Assert.True(declared.Contains(name), $"the pipeline passes '{name}', which infra/main.bicep does not declare"));
        Assert.True(files.Count > 0, "the pipeline passes no .bicepparam file");

        foreach (var env in environments)
        {
            foreach (var file in files)
            {
                var relative = "infra/" + file.Replace("${{ env.name }}", env).Split("/infra/", 2)[^1];
                Assert.True(File.Exists(Path.Combine(RepoRoot, relative)), $"{relative} (passed by the pipeline for {env}) does not exist");
                var (usingPath, assigned, requiredEnvironment) = ParamFile(Read(relative));
                Assert.Equal("../main.bicep", usingPath);
                Assert.All(assigned, name => Assert.True(declared.Contains(name), $"{relative} assigns '{name}', which infra/main.bicep does not declare"));
                foreach (var required in template.Where(p => !p.HasDefault))
                    Assert.True(assigned.Contains(required.Name) || inline.Contains(required.Name),
                        $"required parameter '{required.Name}' gets no value for {env} (neither {relative} nor the pipeline)");
                // What a parameter file reads from the environment without a default, the deploy step must set.
                foreach (var variable in requiredEnvironment)
                    Assert.True(Regex.IsMatch(pipeline, $@"^\s+{variable}:\s*\S", RegexOptions.Multiline),
                        $"{relative} reads the environment variable {variable}, which the pipeline never sets");
            }
        }
    }

    [Fact]
    public void The_templates_take_no_secret_and_set_the_services_real_configuration_keys()
    {
        var infra = Path.Combine(RepoRoot, "infra");
        var bicep = Directory.GetFiles(infra, "*.bicep*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllText);
        foreach (var (file, text) in bicep)
        {
            Assert.DoesNotContain("@secure()", text);
            Assert.DoesNotMatch(new Regex("password", RegexOptions.IgnoreCase), Regex.Replace(text, @"passwordAuth: 'Disabled'|//.*|@description\(.*", ""));
        }
        var app = Read("infra/modules/appservice.bicep");
        foreach (var key in new[] { "ASPNETCORE_ENVIRONMENT", "AzureAd__ClientId", "AzureAd__ClientCredentials__0__SourceType",
                     "AzureAd__ClientCredentials__0__ManagedIdentityClientId", "Storage__Postgres", "Security__EventHashKey", "Telemetry__OtlpEndpoint" })
            Assert.Contains($"'{key}'", app);
        Assert.Contains("SignedAssertionFromManagedIdentity", app);
        Assert.Contains("@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=Security--EventHashKey)", app);
        Assert.Contains("healthCheckPath: '/health/ready'", app);
        Assert.Contains("httpsOnly: true", app);
        var postgres = Read("infra/modules/postgres.bicep");
        Assert.Contains("passwordAuth: 'Disabled'", postgres);
        Assert.Contains("activeDirectoryAuth: 'Enabled'", postgres);
        var main = Read("infra/main.bicep");
        Assert.Contains("output hostName", main);
        Assert.Contains("output managedIdentityClientId", main);
    }

    [Fact]
    public void The_pipeline_passes_yamllint()
    {
        var startInfo = new ProcessStartInfo("yamllint", ["--strict", "azure-pipelines.yml"])
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try { process = Process.Start(startInfo)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Fail("yamllint is not installed: tests/run.sh installs it (apt-get install yamllint)");
            return;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "yamllint did not finish within a minute");
            Assert.True(process.ExitCode == 0, $"yamllint --strict azure-pipelines.yml:\n{output}");
        }
    }

    [Fact]
    public void The_app_registration_definition_has_what_teams_sso_and_the_jobs_need()
    {
        using var json = JsonDocument.Parse(Read("infra/entra/app-registration.json"));
        var app = json.RootElement;
        Assert.Equal("AzureADMultipleOrgs", app.GetProperty("signInAudience").GetString());
        var api = app.GetProperty("api");
        Assert.Equal(2, api.GetProperty("requestedAccessTokenVersion").GetInt32());
        Assert.Equal("access_as_user", Assert.Single(api.GetProperty("oauth2PermissionScopes").EnumerateArray()).GetProperty("value").GetString());
        var preAuthorized = api.GetProperty("preAuthorizedApplications").EnumerateArray().Select(a => a.GetProperty("appId").GetString()).ToHashSet();
        foreach (var client in new[] { "1fec8e78-bce4-4aaf-ab1b-5451cc387264", "5e3ce6c0-2b1f-4285-8d4b-75ee78787346", "4765445b-32c6-49b0-83e6-1d93765276ca",
                     "0ec893e0-5785-4de6-99da-4ed124e5296c", "d3590ed6-52b3-4102-aeff-aad2292ab01c", "bc59ab01-8403-45c6-8796-ac3ef710b3e3", "27922004-5251-4030-b22d-91ecd9a37ea4" })
            Assert.Contains(client, preAuthorized);
        var roles = app.GetProperty("appRoles").EnumerateArray().Select(r => r.GetProperty("value").GetString()).ToHashSet();
        Assert.Equal(["Reports.Read", "Tenant.Admin"], roles.Order());
        var graph = Assert.Single(app.GetProperty("requiredResourceAccess").EnumerateArray());
        Assert.Equal("00000003-0000-0000-c000-000000000000", graph.GetProperty("resourceAppId").GetString());
        var access = graph.GetProperty("resourceAccess").EnumerateArray().Select(a => (a.GetProperty("id").GetString(), a.GetProperty("type").GetString())).ToHashSet();
        Assert.Equal(
            new HashSet<(string?, string?)>
            {
                ("df021288-bdef-4463-88db-98f22de89214", "Role"), // User.Read.All
                ("40f97065-369a-49f4-947c-6a255697ae91", "Role"), // MailboxSettings.Read
                ("8ba4a692-bc31-4128-9094-475872af8a53", "Role"), // Calendars.ReadBasic.All
                ("ef54d2bf-783f-4e0f-bca1-3210c0444d99", "Role"), // Calendars.ReadWrite (the optional calendar hold)
                ("a267235f-af13-44dc-8385-c1dc93023186", "Role"), // TeamsActivity.Send
                ("a70e0c2d-e793-494c-94c4-118fa0a67f42", "Role"), // Presence.Read.All
                ("98830695-27a2-44f7-8c18-0c3ebc9698f6", "Role"), // GroupMember.Read.All
                ("e1fe6dd8-ba31-4d61-89e7-88639da4683d", "Scope"), // User.Read (delegated)
            },
            access);
    }

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s+\S+?(?<default>\s*=.*)?$")]
    private static partial Regex ParamLine();
    [GeneratedRegex(@"^using\s+'(?<path>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
    [GeneratedRegex(@"^param\s+(?<name>\w+)\s*=", RegexOptions.Multiline)]
    private static partial Regex AssignLine();
    [GeneratedRegex(@"readEnvironmentVariable\('(?<name>[A-Za-z0-9_]+)'\s*\)")]
    private static partial Regex RequiredEnvironmentRead();
    [GeneratedRegex(@"--parameters(?<rest>[^\n]*)")]
    private static partial Regex ParametersFlag();
    [GeneratedRegex(@"""[^""]*""|'[^']*'|[^\s""']+")]
    private static partial Regex ArgumentToken();
    [GeneratedRegex(@"^\s+- name: (?<name>\w+)\s*\n\s+serviceConnection:", RegexOptions.Multiline)]
    private static partial Regex EnvironmentEntry();
}
