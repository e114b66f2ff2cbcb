using Npgsql;
using StudyBot.LocalPostgres;

namespace StudyBot.Host.Tests;

/// <summary>The launcher on its own: initdb once, start, adopt a running server, stop only what it started.</summary>
public sealed class LocalClusterTests
{
    [Fact]
    public async Task Creates_starts_adopts_and_stops_a_cluster()
    {
        var root = Path.Combine(Path.GetTempPath(), "studybot-cluster-" + Guid.NewGuid().ToString("N"));
        var options = new LocalClusterOptions(root) { Throwaway = true };

        await using (var first = await LocalCluster.StartAsync(options))
        {
            Assert.Equal(1, await ScalarAsync(first.ConnectionString, "SELECT 1"));
            Assert.True(File.Exists(options.PasswordFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(options.PasswordFile));
            }

            // A second instance finds the running server and uses it without owning it.
            await using (var second = await LocalCluster.StartAsync(options))
            {
                Assert.Equal(first.Port, second.Port);
            }

            Assert.Equal(1, await ScalarAsync(first.ConnectionString, "SELECT 1"));
        }

        Assert.False(File.Exists(Path.Combine(options.DataDirectory, "postmaster.pid")));

        // The data folder is kept: a later start reuses it (no second initdb) with the same password.
        await using var again = await LocalCluster.StartAsync(options);
        Assert.Equal(1, await ScalarAsync(again.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task A_server_left_by_a_dead_process_is_taken_over_and_stopped()
    {
        var root = Path.Combine(Path.GetTempPath(), "studybot-cluster-" + Guid.NewGuid().ToString("N"));
        var options = new LocalClusterOptions(root) { Throwaway = true };
        await using var first = await LocalCluster.StartAsync(options);

        // The starter "dies": its pid now names a process that has exited.
        using var gone = System.Diagnostics.Process.Start("true")!;
        await gone.WaitForExitAsync();
        await File.WriteAllTextAsync(Path.Combine(root, "owner.pid"), gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await using (var heir = await LocalCluster.StartAsync(options))
        {
            Assert.Equal(first.Port, heir.Port);
        }

        Assert.False(File.Exists(Path.Combine(options.DataDirectory, "postmaster.pid")));
    }

    [Fact]
    public void Finds_the_server_programs_on_this_machine() =>
        Assert.NotNull(PostgresBinaries.Locate());

    private static async Task<int> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
