import Foundation
import KhoCore

exit(CommandRunner.main(BundleCommand.self))
