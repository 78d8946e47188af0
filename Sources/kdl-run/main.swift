import Foundation
import KhoCore

exit(CommandRunner.main(RunCommand.self))
