using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WorkplaceResilience.Api.Tests.Hosting;

/// <summary>One malformed request body; <see cref="Content"/> makes a fresh HttpContent for each send.</summary>
public sealed record MalformedBody(string Name, Func<HttpContent?> Content);

/// <summary>
/// Malformed bodies for one operation of /openapi/v1.json: a generic set for any endpoint (broken JSON, wrong shapes,
/// content types, encodings, sizes) plus, where the operation has a JSON body schema, per-property mutations of a valid
/// body (wrong types, nulls, missing required fields, out-of-range numbers, huge strings). Every body is meant to be
/// refused: nullable properties are never set to null and optional ones never dropped.
/// </summary>
public sealed class MalformedBodies(JsonElement components)
{
    private const string Json = "application/json";

    /// <param name="valid">a body the endpoint accepts (null when it takes no body); mutations start from it.</param>
    public IReadOnlyList<MalformedBody> For(JsonElement? schema, JsonObject? valid)
    {
        var baseText = valid?.ToJsonString() ?? """{"note":"no body expected","count":3}""";
        var cases = new List<MalformedBody>();
        void Add(string name, string text, string? contentType = Json) => cases.Add(new(name, () => Text(text, contentType)));
        void AddBytes(string name, byte[] bytes, string? contentType = Json) => cases.Add(new(name, () => Bytes(bytes, contentType)));

        foreach (var cut in new[] { 1, 2, 5, 10, 20, 40 }.Where(c => c < baseText.Length))
            Add($"truncated to {cut} chars", baseText[..cut]);
        Add("truncated by one char", baseText[..^1]);
        Add("whitespace only", "   \n\t ");
        foreach (var literal in new[] { "null", "true", "0", "-1", "1e999", "\"text\"", "[]", "[{}]", "[[]]", "{", "}", "{}}", "{{}}",
                     "NaN", "Infinity", "undefined", "{'single':'quotes'}", "{unquoted: 1}", "{\"a\" 1}", "{\"a\":}", "{,}", "[1,]",
                     "\"\\uD800\"", "\"\\x41\"", "<xml/>", "a=1&b=2", "{\"a\":[1,2,", "\"unterminated", "{\"a\":\"\\u12\"}",
                     "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{\"a\":1.}", "{\"a\":tru}", "{\"a\":nul}", "\u00a0{}", "{\"a\":\"\u0000\"}",
                     "\ufeff{", "x" })
            Add($"literal {literal}", literal);
        if (schema is null || Required(Resolve(schema.Value)).Count > 0) Add("empty object", "{}");
        Add("array instead of object", $"[{baseText}]");
        Add("two objects", baseText + baseText);
        Add("trailing comma", baseText.TrimEnd('}') + ",}");
        Add("comment", "/* comment */" + baseText);
        Add("trailing garbage", baseText + "garbage");
        Add("duplicate keys", DuplicateFirstKey(baseText));
        foreach (var depth in new[] { 70, 1_000, 20_000 })
        {
            Add($"objects nested {depth} deep", string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
            Add($"arrays nested {depth} deep", new string('[', depth) + new string(']', depth));
        }
        Add("unclosed nesting", new string('[', 5_000));
        Add("huge number", "{\"n\":" + new string('9', 5_000) + "}");
        Add("64 KB string", "\"" + new string('t', 64 * 1024) + "\"");
        Add("9 KB object", "{\"pad\":\"" + new string('p', 9 * 1024) + "\"}");
        Add("1 MB object", "{\"pad\":\"" + new string('q', 1024 * 1024 + 10) + "\"}");
        cases.Add(new("1 MB chunked (no length)", () => Chunked(Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('r', 1024 * 1024) + "\"}"))));
        cases.Add(new("small body chunked", () => Chunked(Encoding.UTF8.GetBytes("{\"x\":\"" + new string('s', 10) + "\""))));
        AddBytes("invalid UTF-8 (lone continuation)", Splice(baseText, [0x80, 0x80]));
        AddBytes("invalid UTF-8 (overlong)", Splice(baseText, [0xC0, 0xAF]));
        AddBytes("invalid UTF-8 (truncated sequence)", Splice(baseText, [0xE2, 0x82]));
        AddBytes("invalid UTF-8 (0xFF 0xFE)", [0xFF, 0xFE, .. Encoding.UTF8.GetBytes(baseText[..^1])]);
        AddBytes("NUL bytes", [0, 0, 0, 0]);
        AddBytes("random bytes", RandomBytes(512));
        AddBytes("UTF-16 bytes declared UTF-8", Encoding.Unicode.GetBytes("{\"x\":1"));
        foreach (var type in new[] { "text/plain", "application/xml", "text/html", "application/x-www-form-urlencoded",
                     "multipart/form-data; boundary=x", "application/octet-stream", "application/json; charset=utf-16",
                     "application/json; charset=nonsense", "image/png", "application/problem+json+garbage" })
            Add($"content type {type}", baseText, type);
        Add("no content type", baseText, null);

        if (schema is { } s && valid is not null) cases.AddRange(PropertyMutations(Resolve(s), valid, ""));
        return cases;
    }

    private IEnumerable<MalformedBody> PropertyMutations(JsonElement schema, JsonObject valid, string path)
    {
        if (!schema.TryGetProperty("properties", out var properties)) yield break;
        var required = Required(schema);
        foreach (var property in properties.EnumerateObject())
        {
            var name = property.Name;
            var (type, target, nullable) = Describe(property.Value);
            var mutations = new List<(string What, JsonNode? Value)>();
            var wrongTypes = type switch
            {
                "string" => [JsonValue.Create(42), JsonValue.Create(true), new JsonObject(), new JsonArray("a")],
                "integer" => [JsonValue.Create("3"), JsonValue.Create(1.5), JsonValue.Create(true), new JsonObject(), new JsonArray(3),
                    JsonNode.Parse("1e400"), JsonNode.Parse("99999999999999999999999"), JsonValue.Create(2_147_483_648L),
                    JsonValue.Create(-2_147_483_649L)],
                "boolean" => [JsonValue.Create("true"), JsonValue.Create(1), new JsonObject(), new JsonArray(true)],
                "object" => [JsonValue.Create("object"), JsonValue.Create(7), JsonValue.Create(false), new JsonArray(new JsonObject())],
                _ => new JsonNode?[] { JsonValue.Create(1), new JsonArray() },
            };
            mutations.AddRange(wrongTypes.Select(v => ($"wrong type {v?.ToJsonString() ?? "null"}", v)));
            if (property.Value.TryGetProperty("format", out var format) && format.GetString() == "uuid")
                mutations.AddRange(new[] { "not-a-guid", "", "00000000-0000-0000-0000-00000000000g" }.Select(v => ($"bad uuid '{v}'", (JsonNode?)v)));
            if (type == "string")
                mutations.AddRange(new[] { ("empty string", (JsonNode?)""), ("unknown value", "NotAValue"), ("5 KB string", new string('e', 5_000)),
                    ("300 KB string", new string('h', 300_000)), ("control characters", "\u0001\u0002\u001b[31m"),
                    ("path-like", "../../../etc/passwd"), ("markup", "<script>alert(1)</script>") });
            if (type == "integer")
                mutations.AddRange(new long[] { -1, 0, 6, 1_000, int.MinValue, int.MaxValue }.Select(v => ($"out of range {v}", (JsonNode?)v)));
            if (!nullable) mutations.Add(("null", null));
            foreach (var (what, value) in mutations)
            {
                var body = (JsonObject)valid.DeepClone();
                Set(body, path, name, value);
                yield return Case($"{path}{name}: {what}", body.ToJsonString());
            }
            if (required.Contains(name))
            {
                var body = (JsonObject)valid.DeepClone();
                Remove(body, path, name);
                yield return Case($"{path}{name}: missing", body.ToJsonString());
            }
            if (target is { } nested)
                foreach (var inner in PropertyMutations(nested, valid, $"{path}{name}."))
                    yield return inner;
        }
    }

    private static MalformedBody Case(string name, string text) => new(name, () => Text(text, Json));

    private static void Set(JsonObject body, string path, string name, JsonNode? value) => Parent(body, path)[name] = value;

    private static void Remove(JsonObject body, string path, string name) => Parent(body, path).Remove(name);

    private static JsonObject Parent(JsonObject body, string path) =>
        path.Split('.', StringSplitOptions.RemoveEmptyEntries).Aggregate(body, (node, key) => node[key]!.AsObject());

    /// <summary>A property's type, the object schema it points at, and whether null is allowed.</summary>
    private (string Type, JsonElement? Target, bool Nullable) Describe(JsonElement property)
    {
        if (property.TryGetProperty("oneOf", out var options) || property.TryGetProperty("anyOf", out options))
        {
            var nullable = options.EnumerateArray().Any(o => o.TryGetProperty("type", out var t) && t.GetString() == "null");
            var other = options.EnumerateArray().First(o => !(o.TryGetProperty("type", out var t) && t.GetString() == "null"));
            var (type, target, _) = Describe(other);
            return (type, target, nullable);
        }
        var resolved = Resolve(property);
        if (!resolved.TryGetProperty("type", out var typeElement)) return ("unknown", null, false);
        if (typeElement.ValueKind == JsonValueKind.Array)
        {
            var types = typeElement.EnumerateArray().Select(t => t.GetString()!).ToList();
            return (types.First(t => t != "null"), null, types.Contains("null"));
        }
        var name = typeElement.GetString()!;
        return (name, name == "object" ? resolved : null, false);
    }

    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? components.GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static HashSet<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!).ToHashSet() : [];

    private static string DuplicateFirstKey(string json)
    {
        var first = JsonNode.Parse(json)!.AsObject().FirstOrDefault();
        return first.Key is null ? "{\"a\":1,\"a\":2}" : "{" + $"\"{first.Key}\":{first.Value?.ToJsonString() ?? "null"}," + json[1..];
    }

    private static byte[] Splice(string json, byte[] bad)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = Math.Max(1, json.IndexOf(':') + 2);
        return [.. bytes[..at], .. bad, .. bytes[at..]];
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static HttpContent Text(string text, string? contentType) => Bytes(Encoding.UTF8.GetBytes(text), contentType);

    private static HttpContent Bytes(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static HttpContent Chunked(byte[] bytes)
    {
        // A stream of unknown length: sent without Content-Length, so the server has to count while it reads.
        var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new MediaTypeHeaderValue(Json);
        return content;
    }

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
