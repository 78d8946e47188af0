import Foundation
import KhoCore

exit(CommandRunner.main(ExtractCommand.self))
