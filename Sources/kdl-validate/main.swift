import Foundation
import KhoCore

exit(CommandRunner.main(ValidateCommand.self))
