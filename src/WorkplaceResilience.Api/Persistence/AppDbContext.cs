using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WorkplaceResilience.Api.Persistence;

/// <summary>
/// The service's tables. Reads of tenant-owned rows are filtered to <see cref="TenantId"/>, which is
/// fail-closed: a context with no tenant set sees no tenant-owned rows at all.
/// The schema comes from this model through EF Core migrations, one set per provider: see
/// <see cref="SqliteAppDbContext"/> and <see cref="PostgresAppDbContext"/>.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public Guid TenantId { get; private set; }

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Employee> Employees => Set<Employee>();
    public DbSet<CalendarEntry> CalendarEntries => Set<CalendarEntry>();
    public DbSet<CalendarSyncState> CalendarSyncStates => Set<CalendarSyncState>();
    public DbSet<BreakOffer> BreakOffers => Set<BreakOffer>();
    public DbSet<PracticeSession> PracticeSessions => Set<PracticeSession>();
    public DbSet<PersonSettings> PersonSettings => Set<PersonSettings>();
    public DbSet<ReportRelease> ReportReleases => Set<ReportRelease>();
    public DbSet<ReportCell> ReportCells => Set<ReportCell>();
    public DbSet<ReportAudit> ReportAudits => Set<ReportAudit>();

    public AppDbContext ForTenant(Guid tenantId)
    {
        TenantId = tenantId;
        return this;
    }

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTenant();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTenant();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>New rows take the context's tenant; writing into another tenant is a bug, so it throws.</summary>
    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            if (entry.State != EntityState.Added && entry.State != EntityState.Modified) continue;
            if (entry.Entity.TenantId == Guid.Empty) entry.Entity.TenantId = TenantId;
            if (entry.Entity.TenantId != TenantId)
                throw new InvalidOperationException("A row was written for a tenant other than the context's.");
        }
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        // Constraint names are PostgreSQL's own defaults, which the pre-EF SQL scripts got: a database created
        // by those scripts then matches the model exactly, and later migrations can alter its constraints.
        model.Entity<Tenant>(e =>
        {
            e.ToTable("tenants", t =>
            {
                t.HasCheckConstraint("tenants_minimum_group_size_check", "minimum_group_size >= 5");
                t.HasCheckConstraint("tenants_retention_days_check", "retention_days BETWEEN 7 AND 730");
                t.HasCheckConstraint("tenants_daily_cap_check", "daily_cap BETWEEN 1 AND 8");
            });
            e.HasKey(t => t.Id).HasName("tenants_pkey");
            e.Property(t => t.MinimumGroupSize).HasDefaultValue(10);
            // Defaults give rows from before these settings existed the product's values. The sentinel is the CLR
            // default each value starts with, so EF writes every other value (false included) on insert.
            e.Property(t => t.Enabled).HasDefaultValue(true).HasSentinel(true);
            e.Property(t => t.NudgesPaused).HasDefaultValue(false);
            e.Property(t => t.RetentionDays).HasDefaultValue(90);
            e.Property(t => t.WorkStart).HasDefaultValue(new TimeOnly(9, 0));
            e.Property(t => t.WorkEnd).HasDefaultValue(new TimeOnly(17, 0));
            e.Property(t => t.DailyCap).HasDefaultValue(Core.Planning.PlannerSettings.Default.DailyCap);
            e.Property(t => t.SupportLinks).HasDefaultValue("[]");
            e.Property(t => t.GroupsInScope).HasDefaultValue("[]");
            e.Property(t => t.DirectoryDeltaLink).HasMaxLength(4000);
            e.Property(t => t.DirectoryDeltaScope).HasMaxLength(4000);
        });
        model.Entity<Employee>(e =>
        {
            e.ToTable("employees");
            e.HasKey(x => new { x.TenantId, x.Id }).HasName("employees_pkey");
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId)
                .OnDelete(DeleteBehavior.NoAction).HasConstraintName("employees_tenant_id_fkey");
            e.HasIndex(x => new { x.TenantId, x.NextCalendarSyncAt }, "ix_employees_due");
            e.Property(x => x.OfficeLocation).HasDefaultValue("");
            e.Property(x => x.Country).HasDefaultValue("");
            e.Property(x => x.ShareCheckInsInReports).HasDefaultValue(false);
            e.Property(x => x.InDirectory).HasDefaultValue(true).HasSentinel(true);
            e.Property(x => x.ManagerKey).HasMaxLength(32);
            e.HasQueryFilter(x => x.TenantId == TenantId);
        });
        model.Entity<CalendarEntry>(e =>
        {
            e.ToTable("calendar_entries");
            e.HasKey(x => new { x.TenantId, x.EmployeeId, x.EventHash }).HasName("calendar_entries_pkey");
            e.HasOne<Employee>().WithMany().HasForeignKey(x => new { x.TenantId, x.EmployeeId })
                .OnDelete(DeleteBehavior.NoAction).HasConstraintName("calendar_entries_tenant_id_employee_id_fkey");
            e.HasIndex(x => new { x.TenantId, x.EmployeeId, x.Start }, "ix_calendar_entries_window");
            e.HasQueryFilter(x => x.TenantId == TenantId);
        });
        model.Entity<CalendarSyncState>(e =>
        {
            e.ToTable("calendar_sync_states");
            e.HasKey(x => new { x.TenantId, x.EmployeeId }).HasName("calendar_sync_states_pkey");
            e.HasOne<Employee>().WithMany().HasForeignKey(x => new { x.TenantId, x.EmployeeId })
                .OnDelete(DeleteBehavior.NoAction).HasConstraintName("calendar_sync_states_tenant_id_employee_id_fkey");
            e.Property(x => x.DeltaLink).HasMaxLength(4000);
            e.Property(x => x.SubscriptionId).HasMaxLength(100);
            e.Property(x => x.ClientStateHash).HasMaxLength(64);
            e.Property(x => x.Failure).HasMaxLength(200);
            e.HasIndex(x => new { x.TenantId, x.SubscriptionId }, "ix_calendar_sync_states_subscription");
            e.HasIndex(x => new { x.TenantId, x.RenewSubscriptionAt }, "ix_calendar_sync_states_renewal");
            e.HasIndex(x => new { x.TenantId, x.MailboxSettingsDueAt }, "ix_calendar_sync_states_mailbox_settings");
            e.HasQueryFilter(x => x.TenantId == TenantId);
        });
        model.Entity<BreakOffer>(e =>
        {
            e.ToTable("break_offers");
            e.HasKey(x => x.Id).HasName("break_offers_pkey");
            // Re-planning edits offers it read as Planned; if delivery claimed one meanwhile, the save must fail rather
            // than delete or change an offer that is being sent.
            e.Property(x => x.Status).HasConversion<int>().IsConcurrencyToken();
            e.HasOne<Employee>().WithMany().HasForeignKey(x => new { x.TenantId, x.EmployeeId })
                .OnDelete(DeleteBehavior.NoAction).HasConstraintName("break_offers_tenant_id_employee_id_fkey");
            e.HasIndex(x => new { x.TenantId, x.EmployeeId, x.Start }, "ux_break_offers_moment").IsUnique();
            e.HasIndex(x => new { x.Status, x.Start }, "ix_break_offers_due");
            e.HasQueryFilter(x => x.TenantId == TenantId);
        });
        model.Entity<PracticeSession>(e =>
        {
            e.ToTable("practice_sessions");
            e.HasKey(x => x.Id).HasName("practice_sessions_pkey");
            e.HasOne<Employee>().WithMany().HasForeignKey(x => new { x.TenantId, x.EmployeeId })
                .OnDelete(DeleteBehavior.NoAction).HasConstraintName("practice_sessions_tenant_id_employee_id_fkey");
            e.HasIndex(x => x.OfferId, "ux_practice_sessions_offer").IsUnique().HasFilter("offer_id IS NOT NULL");
            e.HasIndex(x => new { x.TenantId, x.EmployeeId, x.CompletedAt }, "ix_practice_sessions_employee");
            e.HasQueryFilter(x => x.TenantId == TenantId);
        });
        model.Entity<PersonSettings>(e =>
        {
            e.ToTable("person_settings", t =>
            {
                t.HasCheckConstraint("person_settings_daily_cap_check", "daily_cap IS NULL OR daily_cap BETWEEN 1 AND 8");
                t.HasCheckConstraint("person_settings_spacing_check",
                    "minimum_spacing_minutes IS NULL OR minimum_spacing_minutes BETWEEN 15 AND 480");
            });
            e.HasKey(x => new { x.TenantId, x.EmployeeId }).HasName("person_settings_pkey");
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId)
                .OnDelete(DeleteBehavior.NoAction).HasConstraintName("person_settings_tenant_id_fkey");
            e.Property(x => x.BreaksOn).HasDefaultValue(true).HasSentinel(true);
            e.Property(x => x.TentativeIsBusy).HasDefaultValue(true).HasSentinel(true);
            e.Property(x => x.Lengths).HasMaxLength(16);
            e.HasQueryFilter(x => x.TenantId == TenantId);
        });

        model.Entity<ReportRelease>(e =>
        {
            e.ToTable("report_releases");
            e.HasKey(x => new { x.TenantId, x.WeekStart }).HasName("report_releases_pkey");
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId)
                .OnDelete(DeleteBehavior.NoAction).HasConstraintName("report_releases_tenant_id_fkey");
            e.Property(x => x.Withheld).HasMaxLength(40);
            // Releases from before the clip followed the daily cap clipped offers and practices at 20.
            e.Property(x => x.ActionClip).HasDefaultValue(20);
            e.HasQueryFilter(x => x.TenantId == TenantId);
        });
        model.Entity<ReportCell>(e =>
        {
            e.ToTable("report_cells");
            // The key leads with what the dashboard asks for: one grouping's weeks.
            e.HasKey(x => new { x.TenantId, x.Grouping, x.WeekStart, x.GroupName }).HasName("report_cells_pkey");
            e.HasOne<ReportRelease>().WithMany().HasForeignKey(x => new { x.TenantId, x.WeekStart })
                .OnDelete(DeleteBehavior.NoAction).HasConstraintName("report_cells_release_fkey");
            e.Property(x => x.Grouping).HasMaxLength(20);
            e.Property(x => x.GroupName).HasMaxLength(200);
            e.Property(x => x.Hidden).HasMaxLength(40);
            e.HasQueryFilter(x => x.TenantId == TenantId);
        });
        model.Entity<ReportAudit>(e =>
        {
            e.ToTable("report_audit");
            e.HasKey(x => x.Id).HasName("report_audit_pkey");
            e.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId)
                .OnDelete(DeleteBehavior.NoAction).HasConstraintName("report_audit_tenant_id_fkey");
            e.Property(x => x.Report).HasMaxLength(40);
            e.Property(x => x.Grouping).HasMaxLength(20);
            e.HasIndex(x => new { x.TenantId, x.At }, "ix_report_audit_at");
            e.HasQueryFilter(x => x.TenantId == TenantId);
        });

        foreach (var entity in model.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));

        ValueConverter converter = IsSqlite ? UtcTicks : ToUtc;
        ValueConverter nullableConverter = IsSqlite ? NullableUtcTicks : NullableToUtc;
        foreach (var entity in model.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTimeOffset)) property.SetValueConverter(converter);
                if (property.ClrType == typeof(DateTimeOffset?)) property.SetValueConverter(nullableConverter);
            }
    }

    // Instants are stored in UTC: PostgreSQL's timestamptz accepts only offset 0, and SQLite, which has no
    // instant type, gets UTC ticks so that ordering and comparison happen in SQL.
    private static readonly ValueConverter<DateTimeOffset, DateTimeOffset> ToUtc = new(v => v.ToUniversalTime(), v => v);
    private static readonly ValueConverter<DateTimeOffset?, DateTimeOffset?> NullableToUtc =
        new(v => v.HasValue ? v.Value.ToUniversalTime() : null, v => v);
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks = new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
    private static readonly ValueConverter<DateTimeOffset?, long?> NullableUtcTicks = new(
        v => v.HasValue ? v.Value.UtcTicks : null, v => v.HasValue ? new DateTimeOffset(v.Value, TimeSpan.Zero) : null);

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
