import XCTest

/// A test case whose every test gets a fresh temporary folder, removed afterwards.
open class FolderTestCase: XCTestCase {
    public private(set) var temporary: TemporaryFolder!
    public var folder: String { temporary.path }

    open override func setUpWithError() throws {
        try super.setUpWithError()
        temporary = try TemporaryFolder(String(describing: type(of: self)))
    }

    open override func tearDown() {
        temporary.remove()
        super.tearDown()
    }
}
