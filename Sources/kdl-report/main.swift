import Foundation
import KhoCore

exit(CommandRunner.main(ReportCommand.self))
