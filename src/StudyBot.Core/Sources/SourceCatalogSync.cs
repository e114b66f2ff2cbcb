using Microsoft.EntityFrameworkCore;
using StudyBot.Core.Content;
using StudyBot.Core.Persistence;

namespace StudyBot.Core.Sources;

/// <summary>
/// Mirrors content/sources.yaml into the database at start-up, keeping when each source first appeared
/// (the weekly digest lists new ones) and marking removed ones instead of deleting them.
/// </summary>
public static class SourceCatalogSync
{
    /// <summary>An advisory lock key of our own ("SBSRCSYN" in ASCII).</summary>
    private const long SyncLockKey = 5999449266392881486;

    public static async Task<int> SyncAsync(StudyBotDbContext db, ContentCatalog catalog, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(catalog);

        // Hosts starting together (two workers, a web replica) would insert the same new sources and one would
        // fail on the unique id: a transaction-scoped advisory lock makes them take turns.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SyncLockKey})", cancellationToken).ConfigureAwait(false);
        var existing = await db.Sources.ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var added = 0;
        foreach (var source in catalog.Sources)
        {
            if (!existing.Remove(source.Id, out var record))
            {
                record = new SourceRecord
                {
                    Id = source.Id,
                    Title = source.Title,
                    Url = source.Url.ToString(),
                    Tier = source.Tier.ToString(),
                    Kind = source.Kind.ToString(),
                    FirstSeenAt = now,
                };
                db.Sources.Add(record);
                added++;
            }

            record.Title = source.Title;
            record.Url = source.Url.ToString();
            record.Tier = source.Tier.ToString();
            record.Kind = source.Kind.ToString();
            record.Topics = [.. source.Topics];
            record.LastSeenAt = now;
            record.InCatalogue = true;
        }

        foreach (var gone in existing.Values)
        {
            gone.InCatalogue = false;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }
}
