namespace StudyBot.LocalPostgres;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) on PATH or in Debian's versioned folders.</summary>
public sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public const string InstallHint =
        "PostgreSQL server programs (initdb, pg_ctl) not found: install them (Debian/Ubuntu: apt-get install -y postgresql) " +
        "or set ConnectionStrings__StudyBot to an existing database.";

    public static PostgresBinaries? Locate()
    {
        foreach (var folder in CandidateFolders())
        {
            var initDb = Path.Combine(folder, "initdb");
            var pgCtl = Path.Combine(folder, "pg_ctl");
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                return new PostgresBinaries(initDb, pgCtl);
            }
        }

        return null;
    }

    private static IEnumerable<string> CandidateFolders()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return folder;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            // Newest major version first: "/usr/lib/postgresql/17/bin" before ".../15/bin".
            var versions = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .OrderByDescending(x => x.Version);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }
    }
}
