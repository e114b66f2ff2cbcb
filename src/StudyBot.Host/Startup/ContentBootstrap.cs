using StudyBot.Core.Content;

namespace StudyBot.Host.Startup;

/// <summary>Finds and loads content/; invalid content stops start-up with every error listed.</summary>
public static class ContentBootstrap
{
    public static string LocateRoot(string? explicitRoot) =>
        ContentLocator.FindContentRoot(explicitRoot)
        ?? throw new StartupException(explicitRoot is null
            ? "Content not found: no 'content' folder with roadmap.yaml above the current directory; pass --content DIR."
            : $"Content not found: '{explicitRoot}' has no roadmap.yaml.");

    public static ContentCatalog Load(string? explicitRoot, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var root = LocateRoot(explicitRoot);
        var result = ContentLoader.Load(root);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                errors.WriteLine(error.ToString());
            }

            throw new StartupException($"Content in {root} is invalid ({result.Errors.Count} error(s) above); fix it or run 'content validate'.");
        }

        return result.Catalog!;
    }
}
