using System.Runtime.CompilerServices;
using StudyBot.Core.Content;

namespace StudyBot.Core.Tests.Content;

public class ContentLocatorTests
{
    [Fact]
    public void An_explicit_root_must_hold_roadmap_yaml()
    {
        using var tree = ContentTree.Valid();

        Assert.Equal(tree.Root, ContentLocator.FindContentRoot(tree.Root + Path.DirectorySeparatorChar));
        Assert.Null(ContentLocator.FindContentRoot(Path.Combine(tree.Root, "lessons")));
    }

    [Fact]
    public void ShippedContentIsValid()
    {
        var root = ShippedContentRoot();
        Assert.True(root is not null, "no content/roadmap.yaml above the test's directory or this source file");

        var result = ContentLoader.Load(root);

        Assert.True(result.IsValid, $"{result.Errors.Count} error(s) in {root}:\n{string.Join('\n', result.Errors)}");
        Assert.NotEmpty(result.Catalog!.Lessons);
    }

    /// <summary>
    /// The locator's own search finds the repository's content when the build output lies inside the checkout;
    /// with a separate artifacts path it does not, so fall back to the folder above this source file.
    /// </summary>
    private static string? ShippedContentRoot([CallerFilePath] string sourceFile = "")
    {
        if (ContentLocator.FindContentRoot() is { } found)
        {
            return found;
        }

        for (var directory = Path.GetDirectoryName(sourceFile); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (ContentLocator.FindContentRoot(Path.Combine(directory, "content")) is { } root)
            {
                return root;
            }
        }

        return null;
    }
}
