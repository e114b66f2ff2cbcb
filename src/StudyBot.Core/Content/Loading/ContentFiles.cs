using System.Security.Cryptography;
using System.Text;

namespace StudyBot.Core.Content.Loading;

/// <summary>A content file's text and the error recorder that names it.</summary>
internal sealed record ContentFile(string Text, FileErrors Errors);

/// <summary>
/// Reads files under the content root, naming them relative to the root's parent ("content/lessons/001-x.md")
/// and hashing everything read, so the catalog can tell callers when content changed.
/// </summary>
internal sealed class ContentFiles(string root, List<ContentError> errors) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly string _parent = Path.GetDirectoryName(root) ?? root;

    public string Root { get; } = root;

    public FileErrors ErrorsFor(string path) => new(Path.GetRelativePath(_parent, path).Replace('\\', '/'), errors);

    public ContentFile? Read(string path)
    {
        var fileErrors = ErrorsFor(path);
        if (!File.Exists(path))
        {
            fileErrors.AtFileLine(1, "file", "not found");
            return null;
        }

        // Line endings are normalised so a Windows checkout hashes and numbers lines like any other.
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        _hash.AppendData(Encoding.UTF8.GetBytes($"{Path.GetRelativePath(Root, path).Replace('\\', '/')}\0{text}\0"));
        return new ContentFile(text, fileErrors);
    }

    /// <summary>The lesson files in name order, so errors and the hash do not depend on the file system's order.</summary>
    public IReadOnlyList<string> LessonPaths()
    {
        var folder = Path.Combine(Root, "lessons");
        var name = Path.GetRelativePath(_parent, folder).Replace('\\', '/');
        if (!Directory.Exists(folder))
        {
            errors.Add(new ContentError(name, 1, "lessons", "folder not found"));
            return [];
        }

        var paths = Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal).ToList();
        if (paths.Count == 0)
        {
            errors.Add(new ContentError(name, 1, "lessons", "no lesson files (NNN-slug.md)"));
        }

        return paths;
    }

    public string Hash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
