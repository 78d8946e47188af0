import Foundation

/// The commit a git checkout has checked out, read from `.git` directly (no `git` process): the
/// HEAD file, then the branch's loose ref or `packed-refs`. Linked worktrees (`.git` a file naming
/// the real folder, refs in its `commondir`) are followed.
enum GitRevision {
    /// The commit of the checkout holding the running executable, if it lies in one.
    static func ofExecutable() -> String? {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        while folder.path != "/" {
            if let commit = commit(checkout: folder) { return commit }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    /// The commit checked out in `checkout`, nil when it holds no `.git` or it cannot be read.
    static func commit(checkout: URL) -> String? {
        let dotGit = checkout.appendingPathComponent(".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
        var gitFolder = dotGit
        if !isFolder.boolValue {
            guard let text = read(dotGit), text.hasPrefix("gitdir:") else { return nil }
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespaces)
            gitFolder = URL(fileURLWithPath: path, relativeTo: checkout).standardizedFileURL
        }
        let common = read(gitFolder.appendingPathComponent("commondir"))
            .map { URL(fileURLWithPath: $0, relativeTo: gitFolder.appendingPathComponent("x")).standardizedFileURL } ?? gitFolder
        guard let head = read(gitFolder.appendingPathComponent("HEAD")) else { return nil }
        guard head.hasPrefix("ref:") else { return isCommit(head) ? head : nil }
        let ref = head.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
        for folder in [gitFolder, common] {
            if let loose = read(folder.appendingPathComponent(ref)), isCommit(loose) { return loose }
        }
        for line in (read(common.appendingPathComponent("packed-refs")) ?? "").split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[1] == ref, isCommit(String(parts[0])) { return String(parts[0]) }
        }
        return nil
    }

    private static func read(_ url: URL) -> String? {
        (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func isCommit(_ text: String) -> Bool {
        text.count >= 40 && text.allSatisfy(\.isHexDigit)
    }
}
