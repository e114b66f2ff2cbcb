namespace StudyBot.Core.Content;

/// <summary>Finds the content folder: an explicit path, or a <c>content</c> folder above the working or program directory.</summary>
public static class ContentLocator
{
    private const string FolderName = "content";
    private const string RoadmapFile = "roadmap.yaml";

    /// <summary>The full path of a folder holding roadmap.yaml, or null when there is none.</summary>
    public static string? FindContentRoot(string? explicitRoot = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(explicitRoot));
            return HasRoadmap(full) ? full : null;
        }

        // The working directory comes first so `dotnet run` in a checkout uses that checkout's content.
        return SearchUpwards(Environment.CurrentDirectory) ?? SearchUpwards(AppContext.BaseDirectory);
    }

    private static string? SearchUpwards(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, FolderName);
            if (HasRoadmap(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool HasRoadmap(string folder) => File.Exists(Path.Combine(folder, RoadmapFile));
}
