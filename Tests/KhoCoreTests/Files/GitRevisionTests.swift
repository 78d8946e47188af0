import Foundation
import Testing
@testable import KhoCore

/// The commit recorded in outputs, read from `.git` the ways git stores it.
@Suite struct GitRevisionTests {
    static let commit = "3f2c1ab09e41d5a0c9b8e7f6a5b4c3d2e1f0a9b8"
    static let other = "0123456789abcdef0123456789abcdef01234567"

    private func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func aBranchInALooseRef() throws {
        let root = try TestSupport.temporaryFolder()
        try write("ref: refs/heads/main\n", root.appendingPathComponent(".git/HEAD"))
        try write(Self.commit + "\n", root.appendingPathComponent(".git/refs/heads/main"))
        #expect(GitRevision.commit(checkout: root) == Self.commit)
    }

    @Test func aBranchInPackedRefs() throws {
        let root = try TestSupport.temporaryFolder()
        try write("ref: refs/heads/main\n", root.appendingPathComponent(".git/HEAD"))
        try write("# pack-refs with: peeled fully-peeled sorted\n\(Self.other) refs/heads/other\n\(Self.commit) refs/heads/main\n",
                  root.appendingPathComponent(".git/packed-refs"))
        #expect(GitRevision.commit(checkout: root) == Self.commit)
    }

    @Test func aDetachedHead() throws {
        let root = try TestSupport.temporaryFolder()
        try write(Self.commit + "\n", root.appendingPathComponent(".git/HEAD"))
        #expect(GitRevision.commit(checkout: root) == Self.commit)
    }

    /// A linked worktree: `.git` is a file naming its folder, whose refs live in the common folder.
    @Test func aLinkedWorktree() throws {
        let root = try TestSupport.temporaryFolder()
        let main = root.appendingPathComponent("main"), tree = root.appendingPathComponent("tree")
        try write(Self.other + "\n", main.appendingPathComponent(".git/refs/heads/main"))
        try write(Self.commit + "\n", main.appendingPathComponent(".git/refs/heads/feature"))
        try write("ref: refs/heads/feature\n", main.appendingPathComponent(".git/worktrees/tree/HEAD"))
        try write("../..\n", main.appendingPathComponent(".git/worktrees/tree/commondir"))
        try write("gitdir: \(main.path)/.git/worktrees/tree\n", tree.appendingPathComponent(".git"))
        #expect(GitRevision.commit(checkout: tree) == Self.commit)
    }

    @Test func noCheckoutOrABrokenOne() throws {
        let root = try TestSupport.temporaryFolder()
        #expect(GitRevision.commit(checkout: root) == nil)
        try write("ref: refs/heads/gone\n", root.appendingPathComponent(".git/HEAD"))
        #expect(GitRevision.commit(checkout: root) == nil)
    }

    /// The tests run from this repository's build folder: the build names its HEAD.
    @Test func theBuildNamesThisCheckout() {
        #expect(KhoDuLieu.build.commit == GitRevision.commit(checkout: TestSupport.repositoryRoot))
        #expect(KhoDuLieu.build.commit.count == 40)
    }
}
