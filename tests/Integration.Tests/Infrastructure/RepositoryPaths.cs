namespace MeterGrains.Integration.Tests.Infrastructure;

/// <summary>Where the repository and the built silo are, seen from the test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SiloDirectory { get; } = Path.Combine(Root, "src", "Silo", "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("METERGRAINS_REPO_ROOT") is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MeterGrains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MeterGrains.sln not found above {AppContext.BaseDirectory}");
    }
}
