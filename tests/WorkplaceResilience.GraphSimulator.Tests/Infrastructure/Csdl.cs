using System.Xml.Linq;

namespace WorkplaceResilience.GraphSimulator.Tests.Infrastructure;

/// <summary>Graph's v1.0 CSDL (shared/reference/graph-v1.0-csdl.xml), found by walking up from the test binaries.</summary>
public sealed class Csdl
{
    private const string RelativePath = "shared/reference/graph-v1.0-csdl.xml";
    private static readonly Lazy<Csdl> Shared = new(Load);
    private readonly Dictionary<string, XElement> types;

    private Csdl(XDocument document)
    {
        types = document.Descendants()
            .Where(e => e.Name.LocalName is "EntityType" or "ComplexType" or "EnumType")
            .Where(e => e.Parent?.Attribute("Namespace")?.Value == "microsoft.graph")
            .GroupBy(e => e.Attribute("Name")!.Value)
            .ToDictionary(g => g.Key, g => g.First());
    }

    public static Csdl Instance => Shared.Value;

    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"Graph's CSDL '{RelativePath}' was not found in {AppContext.BaseDirectory} or any folder above it. " +
            "It is expected beside the repository clone (<repo>/../shared/reference/graph-v1.0-csdl.xml).");
    }

    private static Csdl Load() => new(XDocument.Load(Find()));

    /// <summary>Property and navigation names of a type, including its base types.</summary>
    public HashSet<string> Properties(string typeName)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var name = typeName; name is not null;)
        {
            Assert.True(types.TryGetValue(name, out var type), $"CSDL has no type microsoft.graph.{name}");
            foreach (var p in type!.Elements().Where(e => e.Name.LocalName is "Property" or "NavigationProperty"))
            {
                names.Add(p.Attribute("Name")!.Value);
            }

            name = type.Attribute("BaseType")?.Value.Replace("graph.", "", StringComparison.Ordinal);
        }

        return names;
    }

    public HashSet<string> EnumMembers(string enumName)
    {
        Assert.True(types.TryGetValue(enumName, out var type), $"CSDL has no enum microsoft.graph.{enumName}");
        return type!.Elements().Where(e => e.Name.LocalName == "Member").Select(e => e.Attribute("Name")!.Value).ToHashSet(StringComparer.Ordinal);
    }
}
