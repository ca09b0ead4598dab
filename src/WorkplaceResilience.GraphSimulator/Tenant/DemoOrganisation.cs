namespace WorkplaceResilience.GraphSimulator.Tenant;

/// <summary>Generates the demo organisation: people, departments, offices, time zones and working hours.</summary>
internal static class DemoOrganisation
{
    public const string CompanyName = "Contoso Health";
    public const string Domain = "contosohealth.onmicrosoft.com";

    private sealed record Office(string City, string Country, string WindowsZone, int Weight);

    private sealed record Department(string Name, int Weight, string[] Titles);

    private static readonly Office[] Offices =
    [
        new("Seattle", "United States", "Pacific Standard Time", 30),
        new("New York", "United States", "Eastern Standard Time", 22),
        new("London", "United Kingdom", "GMT Standard Time", 16),
        new("Amsterdam", "Netherlands", "W. Europe Standard Time", 14),
        new("Bengaluru", "India", "India Standard Time", 14),
        new("Sydney", "Australia", "AUS Eastern Standard Time", 4),
    ];

    private static readonly Department[] Departments =
    [
        new("Engineering", 30, ["Software Engineer", "Senior Software Engineer", "Engineering Manager", "Site Reliability Engineer", "QA Engineer", "Principal Engineer"]),
        new("Sales", 15, ["Account Executive", "Sales Development Representative", "Regional Sales Manager", "Solutions Consultant"]),
        new("Customer Support", 15, ["Support Specialist", "Senior Support Specialist", "Support Team Lead", "Customer Success Manager"]),
        new("Marketing", 10, ["Product Marketing Manager", "Content Strategist", "Marketing Analyst", "Brand Designer"]),
        new("Operations", 9, ["Operations Analyst", "Program Manager", "Facilities Coordinator", "Procurement Specialist"]),
        new("Finance", 8, ["Financial Analyst", "Accountant", "Controller", "Payroll Specialist"]),
        new("People", 8, ["HR Business Partner", "People Operations Specialist", "Talent Acquisition Partner", "Learning & Development Lead"]),
        new("IT", 5, ["IT Administrator", "Systems Engineer", "Service Desk Analyst"]),
    ];

    private static readonly string[] FirstNames =
    [
        "Avery", "Jordan", "Priya", "Mateo", "Aisha", "Lukas", "Mei", "Oluwaseun", "Sofia", "Kenji",
        "Hannah", "Diego", "Fatima", "Noah", "Ingrid", "Ravi", "Chloe", "Tomasz", "Amara", "Ethan",
        "Leila", "Sven", "Grace", "Arjun", "Isabel", "Kwame", "Yuki", "Marcus", "Elena", "Samir",
        "Olivia", "Finn", "Ananya", "Gabriel", "Zoe", "Hiroshi", "Nadia", "Liam", "Rosa", "Tariq",
        "Maya", "Jonas", "Camila", "Dev", "Freya", "Emeka", "Lucia", "Oscar", "Thandiwe", "Wei",
    ];

    private static readonly string[] LastNames =
    [
        "Chen", "Patel", "Garcia", "Okafor", "Müller", "Nakamura", "Johansson", "Silva", "Kowalski", "Haddad",
        "Smith", "Rao", "O'Brien", "Nguyen", "Fischer", "Mensah", "Rossi", "Kim", "Dubois", "Iyer",
        "Andersen", "Lopez", "Williams", "Sato", "Novak", "Ahmed", "Brown", "de Vries", "Costa", "Mehta",
        "Taylor", "Jansen", "Hernandez", "Osei", "Walker", "Bianchi", "Murphy", "Singh", "Larsen", "Wright",
    ];

    private static readonly (int StartMinutes, int LengthMinutes)[] Hours =
    [
        (7 * 60 + 30, 8 * 60), (8 * 60, 8 * 60 + 30), (8 * 60 + 30, 8 * 60 + 30), (9 * 60, 8 * 60 + 30),
        (9 * 60, 8 * 60), (9 * 60, 9 * 60), (9 * 60 + 30, 8 * 60), (10 * 60, 8 * 60),
    ];

    public static (DemoTenant Tenant, IReadOnlyList<MailboxProfile> Profiles) Create(SimulatorOptions options)
    {
        var random = new Random(options.Seed);
        var tenantId = NewGuid(random);
        var now = options.Clock.GetUtcNow();
        var users = new List<DemoUser>(options.EmployeeCount);
        var profiles = new List<MailboxProfile>(options.EmployeeCount);
        var usedUpns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int hr = 0, admins = 0;

        for (var i = 0; i < options.EmployeeCount; i++)
        {
            // The first people cover every department and office, so even a small tenant is varied.
            var department = i < Departments.Length ? Departments[i] : Pick(random, Departments, d => d.Weight);
            var office = i < Offices.Length ? Offices[(i * 5) % Offices.Length] : Pick(random, Offices, o => o.Weight);
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var upn = UniqueUpn(first, last, usedUpns);
            var role = DemoRole.Employee;
            if (department.Name == "People" && hr < 3)
            {
                role = DemoRole.Hr;
                hr++;
            }
            else if (department.Name == "IT" && admins < 2)
            {
                role = DemoRole.Admin;
                admins++;
            }

            var title = role == DemoRole.Admin ? "IT Administrator" : department.Titles[random.Next(department.Titles.Length)];
            var user = new DemoUser(NewGuid(random), $"{first} {last}", upn, department.Name, office.City, office.Country, office.WindowsZone, role);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(office.WindowsZone);
            var (startMinutes, length) = Hours[random.Next(Hours.Length)];
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            var days = WorkDays(random, today.DayOfWeek);
            var start = new TimeOnly(startMinutes / 60, startMinutes % 60);
            users.Add(user);
            profiles.Add(new MailboxProfile(user, title, zone, start, start.AddMinutes(length), days, today));
        }

        // The org tree is drawn from the people alone (no random numbers), so it changes neither their ids nor calendars.
        var managers = DemoHierarchy.Create(users);
        for (var i = 0; i < users.Count; i++)
        {
            users[i] = users[i] with { ManagerId = managers[i] };
            profiles[i] = profiles[i] with { User = users[i] };
        }

        var groups = DemoGroups.Create(options.Seed, users, Departments.Select(d => d.Name).ToArray());
        return (new DemoTenant(tenantId, CompanyName, users, groups), profiles);
    }

    /// <summary>Monday to Friday for most, a four-day week for some; always including today's weekday so the demo has a working day.</summary>
    private static HashSet<DayOfWeek> WorkDays(Random random, DayOfWeek today)
    {
        var roll = random.Next(100);
        HashSet<DayOfWeek> days = roll switch
        {
            < 8 => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday],
            < 12 => [DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
            _ => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        };
        days.Add(today);
        return days;
    }

    private static string UniqueUpn(string first, string last, HashSet<string> used)
    {
        var baseName = Ascii($"{first}.{last}");
        var candidate = $"{baseName}@{Domain}";
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{baseName}{n}@{Domain}";
        }

        return candidate;
    }

    private static string Ascii(string name)
    {
        var chars = name.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetterOrDigit(c) || c == '.')
            .ToArray();
        return new string(chars).ToLowerInvariant();
    }

    private static T Pick<T>(Random random, T[] items, Func<T, int> weight)
    {
        var total = items.Sum(weight);
        var roll = random.Next(total);
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }

    internal static Guid NewGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (little-endian layout of Guid(byte[]))
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
