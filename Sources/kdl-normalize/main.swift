import Foundation
import KhoCore

exit(CommandRunner.main(NormalizeCommand.self))
