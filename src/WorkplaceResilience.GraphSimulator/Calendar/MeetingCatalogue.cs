namespace WorkplaceResilience.GraphSimulator.Calendar;

/// <summary>Realistic meeting subjects, agendas and rooms for the demo calendars.</summary>
internal static class MeetingCatalogue
{
    public static readonly string[] Common =
    [
        "Weekly team sync", "Project check-in", "Quarterly planning", "Roadmap walkthrough", "Team retro",
        "Coffee chat", "Onboarding buddy check-in", "All-hands prep", "Hiring panel debrief", "Security awareness training",
        "Process improvement workshop", "Cross-team dependency review", "Vendor call – Fabrikam", "Brainstorm: Q3 themes",
    ];

    public static readonly Dictionary<string, string[]> ByDepartment = new()
    {
        ["Engineering"] =
        [
            "Sprint planning", "Backlog refinement", "Design review: patient intake flow", "Architecture sync",
            "Incident postmortem", "Release readiness", "Code review pairing", "API contract review", "On-call handover",
            "Interview: Senior Software Engineer", "Tech debt triage",
        ],
        ["Sales"] =
        [
            "Pipeline review", "QBR – Northwind Clinics", "Discovery call – Woodgrove Hospital", "Deal desk",
            "Demo prep: scheduling module", "Forecast call", "Territory planning", "Renewal strategy – Tailspin Care",
        ],
        ["Customer Support"] =
        [
            "Escalation review", "Queue health check", "Knowledge base grooming", "CSAT deep dive",
            "Shift handover", "Customer call – Litware Pharmacy", "Support tooling feedback",
        ],
        ["Marketing"] =
        [
            "Campaign retro", "Content calendar", "Brand review", "Webinar dry run", "Launch messaging workshop",
            "Analytics readout", "Agency sync – Adatum Creative",
        ],
        ["Operations"] =
        [
            "Ops review", "Supplier performance review", "Facilities walkthrough", "Program status", "Risk register review",
        ],
        ["Finance"] =
        [
            "Month-end close", "Budget check-in", "Forecast review", "Audit prep", "Expense policy update", "Board pack review",
        ],
        ["People"] =
        [
            "Engagement survey readout", "Benefits renewal", "Talent review", "Interview loop debrief",
            "Wellbeing programme planning", "Policy review: hybrid work", "Manager training design",
        ],
        ["IT"] =
        [
            "Change advisory board", "Device rollout planning", "Identity hygiene review", "Service desk metrics",
            "Patch window planning", "Licensing review",
        ],
    };

    public static readonly string[] AllDayBanners =
    [
        "Sprint 42 release window", "Quarter close", "Team offsite (optional)", "Conference: HLTH Europe",
        "Office move week", "Company volunteering day", "Hackathon",
    ];

    public static readonly string[] OofSubjects = ["Out of office", "Vacation day", "Personal day", "Public holiday", "Parental leave day"];

    public static readonly string[] LateCallSubjects =
    [
        "Sync with the Seattle team", "Incident bridge follow-up", "Late call: US customer escalation", "Release go/no-go (US hours)",
    ];

    public static readonly string[] ExternalAttendees =
    [
        "dana.ruiz@northwindclinics.com", "sam.holt@woodgrovehospital.org", "kim.lee@fabrikam.com", "alex.moreau@adatumcreative.com",
    ];

    public static readonly Dictionary<string, string[]> Rooms = new()
    {
        ["Seattle"] = ["Seattle – Rainier (12)", "Seattle – Olympic (6)", "Seattle – Puget (4)"],
        ["New York"] = ["New York – Hudson (10)", "New York – Liberty (4)"],
        ["London"] = ["London – Thames 4.02", "London – Camden 3.11"],
        ["Amsterdam"] = ["Amsterdam – Amstel (8)", "Amsterdam – Vondel (4)"],
        ["Bengaluru"] = ["Bengaluru – Nilgiri (10)", "Bengaluru – Kaveri (6)"],
        ["Sydney"] = ["Sydney – Harbour (8)", "Sydney – Bondi (4)"],
    };

    public static readonly string[] AgendaLines =
    [
        "Quick round of updates", "Decisions needed this week", "Risks and blockers", "Review last week's actions",
        "Walk through the draft", "Agree owners and dates", "Open questions", "Demo of the latest build",
        "Numbers for the month", "Feedback from customers",
    ];

    public const string TeamsLocation = "Microsoft Teams Meeting";

    /// <summary>An HTML agenda (as Outlook stores bodies) and its plain-text preview (Graph's bodyPreview, ≤255 characters).</summary>
    public static (string Html, string Preview) Agenda(Random random, string subject, string marker)
    {
        var lines = new[] { AgendaLines[random.Next(AgendaLines.Length)], AgendaLines[random.Next(AgendaLines.Length)], AgendaLines[random.Next(AgendaLines.Length)] }
            .Distinct()
            .ToArray();
        var items = string.Concat(lines.Select(l => $"<li>{l}</li>"));
        var tail = marker.Length == 0 ? "" : $"<p>{System.Net.WebUtility.HtmlEncode(marker)}</p>";
        var html = $"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body><p>Agenda for {System.Net.WebUtility.HtmlEncode(subject)}:</p><ul>{items}</ul>{tail}</body></html>";
        var preview = $"Agenda for {subject}: {string.Join(' ', lines)}" + (marker.Length == 0 ? "" : $" {marker}");
        return (html, preview.Length <= 255 ? preview : preview[..255]);
    }
}
