using WorkplaceResilience.Benchmarks;

// Every benchmark prints its headline figures as "name: value unit" lines (DESIGN.md §8).
// Usage: dotnet run -c Release --project tests/WorkplaceResilience.Benchmarks -- NAME
var benchmarks = new Dictionary<string, Func<string[], int>>(StringComparer.OrdinalIgnoreCase)
{
    ["planner"] = PlannerBenchmark.Run,
    ["tab"] = a => TabBenchmark.RunAsync(a).GetAwaiter().GetResult(),
    ["reports"] = ReportsBenchmark.Run,
    ["delivery"] = DeliveryBenchmark.Run,
    ["delivery-faults"] = DeliveryFaultRun.Run,
    ["sync"] = SyncBenchmark.Run,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: WorkplaceResilience.Benchmarks <{string.Join('|', benchmarks.Keys)}> [options]");
    return 2;
}
return run(args[1..]);
